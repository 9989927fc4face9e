"""Realistic Vietnamese people for the demo: names by frequency, CCCD numbers consistent with sex and birth year, phones, addresses."""

from __future__ import annotations

import random
from datetime import date
from typing import Any

from counter_app.domain.text import fold

FAMILY_NAMES = (
    ["Nguyễn"] * 38
    + ["Trần"] * 11
    + ["Lê"] * 9
    + ["Phạm"] * 7
    + ["Hoàng"] * 4
    + ["Huỳnh"] * 4
    + ["Phan"] * 4
    + ["Vũ"] * 3
    + ["Võ"] * 3
    + ["Đặng"] * 2
    + ["Bùi"] * 2
    + ["Đỗ"] * 2
    + ["Hồ"] * 2
    + ["Ngô"] * 2
    + ["Dương", "Lý", "Đinh", "Trương", "Lâm", "Mai", "Tô", "Châu", "Tạ", "Quách", "Lưu", "Cao", "Thái"]
)
MIDDLE_MALE = [
    "Văn",
    "Văn",
    "Văn",
    "Hữu",
    "Đức",
    "Minh",
    "Quốc",
    "Thanh",
    "Công",
    "Gia",
    "Hoàng",
    "Ngọc",
    "Tấn",
    "Xuân",
    "Đình",
    "Trọng",
    "Quang",
    "Thành",
    "Bảo",
    "Anh",
]
MIDDLE_FEMALE = [
    "Thị",
    "Thị",
    "Thị",
    "Ngọc",
    "Thanh",
    "Thu",
    "Minh",
    "Kim",
    "Bảo",
    "Phương",
    "Mỹ",
    "Hồng",
    "Thùy",
    "Diệu",
    "Khánh",
    "Hoài",
    "Quỳnh",
    "Tường",
    "Xuân",
    "Như",
]
GIVEN_MALE = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Đức",
    "Hải",
    "Hiếu",
    "Hoàng",
    "Hùng",
    "Huy",
    "Khang",
    "Khoa",
    "Kiên",
    "Long",
    "Lộc",
    "Minh",
    "Nam",
    "Nghĩa",
    "Nhân",
    "Phát",
    "Phong",
    "Phúc",
    "Quân",
    "Quang",
    "Sơn",
    "Tài",
    "Tâm",
    "Thắng",
    "Thành",
    "Thịnh",
    "Toàn",
    "Trí",
    "Trung",
    "Tuấn",
    "Tùng",
    "Việt",
    "Vinh",
    "Vũ",
    "Bảo",
    "Duy",
    "Hậu",
    "Tín",
    "Lâm",
    "Khải",
    "Đạt",
    "Thiện",
    "Hưng",
    "Kiệt",
    "Nguyên",
    "Tú",
]
GIVEN_FEMALE = [
    "Anh",
    "Ánh",
    "Bích",
    "Châu",
    "Chi",
    "Diễm",
    "Dung",
    "Giang",
    "Hà",
    "Hạnh",
    "Hằng",
    "Hiền",
    "Hoa",
    "Hồng",
    "Huệ",
    "Hương",
    "Lan",
    "Liên",
    "Linh",
    "Loan",
    "Mai",
    "My",
    "Nga",
    "Ngân",
    "Ngọc",
    "Nhi",
    "Nhung",
    "Oanh",
    "Phương",
    "Quyên",
    "Quỳnh",
    "Tâm",
    "Thảo",
    "Thoa",
    "Thu",
    "Thủy",
    "Trang",
    "Trâm",
    "Trinh",
    "Tuyết",
    "Uyên",
    "Vân",
    "Vy",
    "Xuân",
    "Yến",
    "Hân",
    "Khánh",
    "Tiên",
    "Duyên",
    "Ly",
]
STREETS = [
    "Lê Duẩn",
    "Nguyễn Huệ",
    "Đồng Khởi",
    "Hai Bà Trưng",
    "Lê Thánh Tôn",
    "Tôn Đức Thắng",
    "Nguyễn Du",
    "Mạc Đĩnh Chi",
    "Lý Tự Trọng",
    "Pasteur",
    "Nam Kỳ Khởi Nghĩa",
    "Thái Văn Lung",
    "Nguyễn Thị Minh Khai",
    "Lê Lợi",
    "Hàm Nghi",
    "Tôn Thất Thiệp",
    "Nguyễn Siêu",
    "Ngô Đức Kế",
    "Hồ Tùng Mậu",
    "Thi Sách",
    "Đông Du",
    "Mạc Thị Bưởi",
    "Huỳnh Thúc Kháng",
    "Nguyễn Văn Chiêm",
    "Chu Mạnh Trinh",
    "Lê Văn Hưu",
]
WARDS = [
    "Phường Bến Nghé, Quận 1",
    "Phường Bến Thành, Quận 1",
    "Phường Đa Kao, Quận 1",
    "Phường Nguyễn Thái Bình, Quận 1",
    "Phường 6, Quận 3",
]
# Mobile prefixes of Viettel, Vinaphone, MobiFone, Vietnamobile.
PHONE_PREFIXES = [
    "032",
    "033",
    "034",
    "035",
    "036",
    "037",
    "038",
    "039",
    "086",
    "096",
    "097",
    "098",
    "081",
    "082",
    "083",
    "084",
    "085",
    "088",
    "091",
    "094",
    "070",
    "076",
    "077",
    "078",
    "079",
    "089",
    "090",
    "093",
    "056",
    "058",
]
# Where people of a Hồ Chí Minh City ward were born (CCCD province codes): mostly here, then the usual.
BIRTH_PROVINCES = [79] * 12 + [
    1,
    38,
    40,
    42,
    44,
    46,
    48,
    49,
    51,
    52,
    54,
    56,
    64,
    66,
    74,
    75,
    80,
    82,
    83,
    86,
    87,
    89,
    91,
    92,
    94,
    96,
    34,
    36,
]


def random_applicant(rng: random.Random, *, born_between: tuple[int, int] = (1945, 2006)) -> dict[str, Any]:
    """A plausible citizen: name, CCCD consistent with sex and birth year, phone, address, sometimes email."""
    female = rng.random() < 0.52
    family = rng.choice(FAMILY_NAMES)
    middle = rng.choice(MIDDLE_FEMALE if female else MIDDLE_MALE)
    given = rng.choice(GIVEN_FEMALE if female else GIVEN_MALE)
    parts = [family, middle, given]
    if rng.random() < 0.12:  # a second middle name, e.g. "Nguyễn Ngọc Bảo Trâm"
        parts.insert(2, rng.choice(MIDDLE_FEMALE if female else MIDDLE_MALE))
    full_name = " ".join(dict.fromkeys(parts)) if len(set(parts)) < len(parts) else " ".join(parts)
    year = rng.randint(*born_between)
    birth = date(year, rng.randint(1, 12), rng.randint(1, 28))
    # 4th digit: sex and century (0/1 male/female born 1900–1999, 2/3 born 2000–2099), then the year.
    century_sex = (0 if year < 2000 else 2) + (1 if female else 0)
    id_number = f"{rng.choice(BIRTH_PROVINCES):03d}{century_sex}{year % 100:02d}{rng.randint(0, 999999):06d}"
    phone = rng.choice(PHONE_PREFIXES) + f"{rng.randint(0, 9999999):07d}"
    number = rng.choice(
        [f"{rng.randint(1, 250)}", f"{rng.randint(1, 120)}/{rng.randint(1, 40)}", f"{rng.randint(1, 90)}B"]
    )
    address = f"{number} {rng.choice(STREETS)}, {rng.choice(WARDS)}, Thành phố Hồ Chí Minh"
    person: dict[str, Any] = {
        "full_name": full_name,
        "id_number": id_number,
        "phone": phone,
        "address": address,
        "birth_date": birth.isoformat(),
    }
    if rng.random() < 0.3:
        person["email"] = f"{fold(given).replace(' ', '')}.{fold(family)}{rng.randint(1, 99)}@gmail.com"
    return person


# --- the run -------------------------------------------------------------------------------------------------
