"""The procedure catalog the city publishes and the counters import: one set of rules for both sides.

A catalog the city accepts for publishing is one every counter can apply (else every counter's nightly
sync would fail on it), and "newer" means the same on both.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

CATALOG_KINDS = ("original", "copy", "certified_copy")
# Bounds that keep a typo from freezing the due-date computation or overflowing SQLite's integers.
MAX_PROCESSING_DAYS = 365
MAX_FEE_VND = 1_000_000_000
MAX_COMPONENT_COUNT = 99
_PROCEDURE_CODE_RE = re.compile(r"[0-9A-Za-z.\-_]{1,32}")
_SPACES_RE = re.compile(r"\s+")


class CatalogError(ValueError):
    """A catalog document that cannot be applied; the message is Vietnamese and names the entry."""


def _fold(text: str) -> str:
    """Lower case without tone marks (đ → d): two component names differing only so are the same paper."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return (
        _SPACES_RE.sub(" ", "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn"))
        .strip()
        .lower()
    )


def _catalog_text(value: Any, what: str, max_len: int) -> str:
    text = _SPACES_RE.sub(" ", unicodedata.normalize("NFC", value)).strip() if isinstance(value, str) else ""
    if not text:
        raise CatalogError(f"{what}: thiếu hoặc không phải chuỗi ký tự")
    # Cf too: invisible and direction-changing marks (U+202E, U+200B …), as counter_app/domain/text.py.
    if any(unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn", "Cf") for ch in text):
        raise CatalogError(f"{what}: có ký tự không hợp lệ (ký tự điều khiển, ký tự ẩn hoặc đổi chiều chữ)")
    if len(text) > max_len:
        raise CatalogError(f"{what}: dài quá {max_len} ký tự")
    return text


def _catalog_int(value: Any, what: str, lo: int, hi: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
        raise CatalogError(f"{what} phải là số nguyên từ {lo} đến {hi:,}".replace(",", "."))
    return value


# Bounds of a catalog document: a ward handles a few hundred procedures of a few dozen papers each; far
# beyond that a file is a mistake or an attack, and applying it would hold the counter's write lock long.
MAX_PROCEDURES = 5000
MAX_COMPONENTS = 200


def check_catalog(data: Any) -> tuple[str, list[dict[str, Any]]]:
    """Validate a whole catalog document: (version, procedures normalised to
    {"code", "name", "field", "processing_days", "fee_vnd", "components": [{"name", "kind", "count", "required"}]}).
    Raises CatalogError."""
    if not isinstance(data, dict) or not isinstance(data.get("procedures"), list):
        raise CatalogError('tệp phải là JSON dạng {"version": …, "procedures": [...]}')
    raw_version = data.get("version")
    version = str(raw_version).strip() if isinstance(raw_version, (str, int, float)) else ""
    if not version or len(version) > 40:
        raise CatalogError('thiếu "version" (phiên bản danh mục, tối đa 40 ký tự)')
    if not data["procedures"]:
        raise CatalogError("danh mục không có thủ tục nào")
    if len(data["procedures"]) > MAX_PROCEDURES:
        raise CatalogError(f"danh mục có quá {MAX_PROCEDURES} thủ tục")
    seen: set[str] = set()
    out: list[dict[str, Any]] = []
    for i, raw in enumerate(data["procedures"], start=1):
        if not isinstance(raw, dict):
            raise CatalogError(f"thủ tục thứ {i} không phải một đối tượng JSON")
        code = raw["code"].strip() if isinstance(raw.get("code"), str) else ""
        if not _PROCEDURE_CODE_RE.fullmatch(code):
            raise CatalogError(f"thủ tục thứ {i}: mã '{code}' không hợp lệ")
        if code in seen:
            raise CatalogError(f"mã thủ tục '{code}' bị trùng")
        seen.add(code)
        name = _catalog_text(raw.get("name"), f"thủ tục '{code}': tên", 300)
        field = _catalog_text(raw.get("field"), f"thủ tục '{code}': lĩnh vực", 100)
        raw_components = raw.get("components", [])
        if not isinstance(raw_components, list):
            raise CatalogError(f"thủ tục '{code}': \"components\" phải là một danh sách")
        if len(raw_components) > MAX_COMPONENTS:
            raise CatalogError(f"thủ tục '{code}': quá {MAX_COMPONENTS} thành phần hồ sơ")
        components: list[dict[str, Any]] = []
        names: set[str] = set()
        for j, c in enumerate(raw_components, start=1):
            if not isinstance(c, dict):
                raise CatalogError(f"thủ tục '{code}': thành phần thứ {j} không phải một đối tượng JSON")
            cname = _catalog_text(c.get("name"), f"thủ tục '{code}': tên thành phần thứ {j}", 300)
            kind = c.get("kind")
            if kind not in CATALOG_KINDS:
                raise CatalogError(
                    f"thủ tục '{code}': thành phần '{cname}' có loại không hợp lệ "
                    f"(chỉ nhận {', '.join(CATALOG_KINDS)})"
                )
            if _fold(cname) in names:
                raise CatalogError(f"thủ tục '{code}': thành phần '{cname}' bị trùng")
            names.add(_fold(cname))
            required = c.get("required", True)
            if not isinstance(required, bool):
                raise CatalogError(f"thủ tục '{code}': '{cname}': \"required\" phải là true hoặc false")
            count = _catalog_int(c.get("count", 1), f"'{cname}': số lượng", 1, MAX_COMPONENT_COUNT)
            components.append({"name": cname, "kind": kind, "count": count, "required": required})
        out.append(
            {
                "code": code,
                "name": name,
                "field": field,
                "processing_days": _catalog_int(
                    raw.get("processing_days"), f"'{code}': số ngày xử lý", 0, MAX_PROCESSING_DAYS
                ),
                "fee_vnd": _catalog_int(raw.get("fee_vnd", 0), f"'{code}': phí", 0, MAX_FEE_VND),
                "components": components,
            }
        )
    return version, out


def catalog_version_key(version: str) -> tuple[tuple[int, int, str], ...]:
    """Order of catalog versions ("2026.11.2" < "2026.11.10"): numeric parts as numbers, others as text."""
    # (0, n, "") for numeric parts, (1, 0, text) otherwise: comparable whatever the parts are.
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"[.\-]", version))
