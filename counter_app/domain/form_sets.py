"""The two sets of official one-stop forms: numbers, titles and the legal-basis line of each.

2025: Thông tư 03/2025/TT-VPCP ngày 15/9/2025 (guiding Nghị định 118/2025/NĐ-CP ngày 09/6/2025), Phụ lục I,
Mẫu 01–07 with the new Mẫu 05 "Thông báo dừng giải quyết hồ sơ". 2018: Thông tư 01/2018/TT-VPCP ngày
23/11/2018 (guiding Nghị định 61/2018/NĐ-CP), Mẫu 01–06, for offices still told to use it. Every value
here is only a default: `forms.set` picks the set, `forms.number.*`, `forms.title.*`,
`forms.legal_basis` and `forms.unit_name` override it (docs/forms-tt03-2025.md).
"""

from __future__ import annotations

from dataclasses import dataclass

FORMS = ("receipt", "supplement", "rejection", "apology", "stop", "control", "register")


@dataclass(frozen=True)
class FormSet:
    key: str
    legal_basis: str
    unit_name: str  # the one-stop unit, printed under the agency and in the body
    numbers: dict[str, str]
    titles: dict[str, str]


SET_2025 = FormSet(
    key="2025",
    legal_basis=(
        "Ban hành kèm theo Thông tư số 03/2025/TT-VPCP ngày 15/9/2025 "
        "của Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ"
    ),
    unit_name="Trung tâm Phục vụ hành chính công",
    numbers={
        "receipt": "Mẫu số 01",
        "supplement": "Mẫu số 02",
        "rejection": "Mẫu số 03",
        "apology": "Mẫu số 04",
        "stop": "Mẫu số 05",
        "control": "Mẫu số 06",
        "register": "Mẫu số 07",
    },
    titles={
        "receipt": "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        "supplement": "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
        "rejection": "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
        "apology": "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT",
        "stop": "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ",
        "control": "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
        "register": "SỔ THEO DÕI HỒ SƠ",
    },
)

SET_2018 = FormSet(
    key="2018",
    legal_basis="Ban hành kèm theo Thông tư số 01/2018/TT-VPCP ngày 23/11/2018 của Văn phòng Chính phủ",
    unit_name="Bộ phận tiếp nhận và trả kết quả",
    numbers={
        "receipt": "Mẫu số 01",
        "supplement": "Mẫu số 02",
        "rejection": "Mẫu số 03",
        "apology": "Mẫu số 04",
        "stop": "",  # no such form in 2018: printed without a number
        "control": "Mẫu số 05",
        "register": "Mẫu số 06",
    },
    titles={
        "receipt": "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        "supplement": "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
        "rejection": "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
        "apology": "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ",
        "stop": "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ",
        "control": "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
        "register": "SỔ THEO DÕI HỒ SƠ",
    },
)

SETS = {s.key: s for s in (SET_2025, SET_2018)}
