"""Cleaning and checking what users type, with Chinese messages that name the field.

Rules: control characters are stripped (newlines and tabs kept in long text), rare CJK
and emoji are kept intact, lengths are limited, phone numbers are normalised, money is
≥ 0 with two decimals and a sane maximum, and dates are not in the future.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

MAX_MONEY = Decimal("1000000.00")
SHORT_TEXT = 100
LONG_TEXT = 5000

_CONTROL_KEEP_NEWLINES = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\u2028\u2029\ufeff]")
_CONTROL_ALL = re.compile(r"[\x00-\x1f\x7f\u200b\u2028\u2029\ufeff]")
_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}\d{7,8}$")
_FOREIGN = re.compile(r"^\+\d{6,15}$")


def _strip_lone_surrogates(text: str) -> str:
    return text.encode("utf-8", "replace").decode("utf-8") if _has_surrogate(text) else text


def _has_surrogate(text: str) -> bool:
    return any("\ud800" <= ch <= "\udfff" for ch in text)


def clean_text(value: object, *, multiline: bool = False) -> str:
    """Text as stored: control characters removed, NFC, outer whitespace trimmed."""
    if value is None:
        return ""
    text = _strip_lone_surrogates(str(value))
    if multiline:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        text = _CONTROL_KEEP_NEWLINES.sub("", text)
    else:
        text = _CONTROL_ALL.sub("", text)
    return unicodedata.normalize("NFC", text).strip()


class Checker:
    """Collects problems field by field so a form can show all of them at once."""

    def __init__(self) -> None:
        self.problems: dict[str, str] = {}

    def fail(self, field: str, message: str) -> None:
        self.problems.setdefault(field, message)

    def text(
        self,
        field: str,
        label: str,
        value: object,
        *,
        required: bool = False,
        max_len: int = SHORT_TEXT,
        multiline: bool = False,
    ) -> str:
        text = clean_text(value, multiline=multiline)
        if required and not text:
            self.fail(field, f"请填写{label}。")
        elif len(text) > max_len:
            self.fail(field, f"{label}太长了：最多 {max_len} 个字，现在有 {len(text)} 个字。")
        return text

    def choice(self, field: str, label: str, value: object, allowed: tuple[str, ...], *, required: bool = True) -> str:
        code = clean_text(value)
        if not code:
            if required:
                self.fail(field, f"请选择{label}。")
            return ""
        if code not in allowed:
            self.fail(field, f"{label}“{code[:20]}”不在可选范围内。")
        return code

    def phone(self, field: str, value: object, *, required: bool = False) -> str:
        raw = clean_text(value)
        if not raw:
            if required:
                self.fail(field, "请填写联系电话。")
            return ""
        normalised = normalise_phone(raw)
        if normalised is None:
            self.fail(field, "电话号码格式不对：手机号为 11 位（如 13812345678），"
                             "座机请带区号（如 021-12345678），境外号码以 + 开头。")
            return raw
        return normalised

    def money(self, field: str, label: str, value: object) -> Decimal:
        try:
            amount = parse_money(value)
        except ValueError as exc:
            self.fail(field, f"{label}{exc}")
            return Decimal("0.00")
        return amount

    def when(self, field: str, label: str, value: object) -> datetime | None:
        """A date and time as typed or picked; None when empty or impossible (then a problem is noted)."""
        if value is None or value == "":
            return None
        try:
            return parse_datetime(value)
        except ValueError:
            self.fail(field, f"{label}无效，请按 2026-11-23 10:00 的格式填写。")
            return None

    def past_datetime(self, field: str, label: str, value: datetime | None, now: datetime) -> datetime | None:
        if value is not None and value > now.replace(second=59, microsecond=999999):
            self.fail(field, f"{label}不能晚于现在。")
        return value

    def raise_if_any(self) -> None:
        from studio_desk.errors import ValidationError

        if self.problems:
            raise ValidationError(self.problems)


def normalise_phone(raw: str) -> str | None:
    """Digits only for mainland numbers (+86 and separators dropped); '+digits' for foreign ones."""
    text = unicodedata.normalize("NFKC", raw).strip()  # full-width digits, dashes and + from a Chinese IME
    text = re.sub(r"[\s\-()（）.]", "", text)
    domestic = text.startswith(("+86", "0086"))
    if domestic:
        text = text[3:] if text.startswith("+86") else text[4:]
    if _MOBILE.match(text) or _LANDLINE.match(text):
        return text
    if domestic and _LANDLINE.match("0" + text):  # +86 21 6234 5678 is 021-62345678
        return "0" + text
    if _FOREIGN.match(text):
        return text
    return None


def mask_phone(phone: str | None) -> str:
    """138****0000 — the customer's number where the full one is not needed."""
    if not phone:
        return ""
    if len(phone) <= 7:
        return phone[:2] + "*" * (len(phone) - 2)
    return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]


def parse_money(value: object) -> Decimal:
    """An amount in 元: ≥ 0, at most two decimals, at most MAX_MONEY. Raises ValueError with the reason."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return Decimal("0.00")
    if isinstance(value, float):
        value = repr(value)
    try:
        amount = Decimal(str(value).strip().replace(",", "").replace("，", "").replace("¥", "").replace("元", ""))
    except (InvalidOperation, ValueError):
        raise ValueError("必须是金额数字（如 300 或 300.50）。") from None
    if not amount.is_finite():
        raise ValueError("必须是金额数字（如 300 或 300.50）。")
    if amount < 0:
        raise ValueError("不能为负数。")
    if amount > MAX_MONEY:
        raise ValueError(f"超过上限 {MAX_MONEY:,.0f} 元，请核对。")
    if amount != amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP):
        raise ValueError("最多保留两位小数。")
    return abs(amount.quantize(Decimal("0.01")))  # abs: "-0" is 0.00, not -0.00


def parse_id(value: object) -> int | None:
    """A record id as picked from a list: a positive 32-bit integer (digits in text accepted).
    Anything else is None, so a query never sends text where PostgreSQL expects a number."""
    if isinstance(value, bool):
        return None
    if not isinstance(value, int):
        text = clean_text(value)
        if not (text.isascii() and text.isdigit() and len(text) <= 10):
            return None
        value = int(text)
    return value if 0 < value < 2**31 else None


def parse_date(value: object) -> date:
    """A date typed as 2026-11-23, 2026/11/23 or 20261123; raises ValueError with a Chinese message."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = clean_text(value)
    for fmt in ("%Y-%m-%d", "%Y/%m/%d", "%Y%m%d", "%Y.%m.%d"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"日期“{text[:20]}”无效，请按 2026-11-23 的格式填写。")


def parse_datetime(value: object) -> datetime:
    if isinstance(value, datetime):
        return value
    text = clean_text(value)
    for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M"):
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    return datetime.combine(parse_date(text), datetime.min.time())
