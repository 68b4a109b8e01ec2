"""Checks on the values a document carries: ID numbers, credit codes, phones, dates and amounts.

Every check returns a reason in plain Chinese (or None when the value is fine), never raises: a wrong value in a
case becomes a warning naming the field, and the document still renders.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from decimal import Decimal, InvalidOperation

from assistant.facts.numbers import parse_amount as read_amount
from assistant.facts.numbers import parse_date as read_date
from assistant.numerals import cn_to_int

# GB 11643-1999: weights of the first 17 digits and the check character for (sum mod 11)
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_ID_RE = re.compile(r"^\d{17}[\dX]$")
_PROVINCES = {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53,
              54, 61, 62, 63, 64, 65, 71, 81, 82, 83, 91}

# GB 32100-2015: 31 characters (no I, O, Z, S, V), weights 3^i mod 31, check = 31 - (sum mod 31)
_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_USCC_RE = re.compile(rf"^[{_USCC_CHARS}]{{18}}$")

_MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE_RE = re.compile(r"^0\d{2,3}-?\d{7,8}(?:-\d{1,6})?$")
_SERVICE_RE = re.compile(r"^(?:12333|12345|12351|12348|110|400\d{7}|800\d{7})$")


# one character for one character, so that match positions in the translated text are positions in the original
_HALF_WIDTH = str.maketrans({**{chr(0xFF10 + i): str(i) for i in range(10)}, "．": ".", "／": "/",
                             "－": "-", "　": " "})


def clean(text: str) -> str:
    """Full-width digits and letters to half-width, spaces removed."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(text)))


# ---- 公民身份号码
def id_number_check_char(first17: str) -> str:
    return _ID_CHECK[sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True)) % 11]


def check_id_number(value: str, today: date | None = None) -> str | None:
    """Why an 18-digit resident ID number is wrong, or None."""
    v = clean(value).upper()
    if len(v) == 15 and v.isdigit():
        return "这是 15 位旧身份证号，请改填 18 位公民身份号码"
    if not _ID_RE.match(v):
        return "应为 18 位，前 17 位是数字，最后一位是数字或 X"
    if int(v[:2]) not in _PROVINCES:
        return "前两位不是有效的省级行政区划代码"
    birth = id_birth_date(v)
    if birth is None:
        return "第 7 至 14 位不是有效的出生日期"
    if birth > (today or date.today()) or birth.year < 1900:
        return "第 7 至 14 位的出生日期不合理"
    if id_number_check_char(v[:17]) != v[17]:
        return "校验位不符（GB 11643-1999），可能有数字抄错"
    return None


def id_birth_date(value: str) -> date | None:
    v = clean(value).upper()
    try:
        return date(int(v[6:10]), int(v[10:12]), int(v[12:14]))
    except ValueError:
        return None


def id_sex(value: str) -> str:
    """第 17 位奇数为男，偶数为女."""
    return "男" if int(clean(value)[16]) % 2 else "女"


# ---- 统一社会信用代码
def credit_code_check_char(first17: str) -> str:
    total = sum(_USCC_CHARS.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return _USCC_CHARS[(31 - total % 31) % 31]


def check_credit_code(value: str) -> str | None:
    """Why a unified social credit code is wrong, or None."""
    v = clean(value).upper()
    if len(v) != 18:
        return f"应为 18 位，实际 {len(v)} 位"
    if not _USCC_RE.match(v):
        bad = sorted({c for c in v if c not in _USCC_CHARS})
        return f"含有代码中不会出现的字符：{'、'.join(bad)}（不使用 I、O、Z、S、V）"
    if not v[2:8].isdigit():
        return "第 3 至 8 位应为行政区划代码（数字）"
    if credit_code_check_char(v[:17]) != v[17]:
        return "校验位不符（GB 32100-2015），可能有字符抄错"
    return None


# ---- 电话
def check_phone(value: str) -> str | None:
    v = clean(value).replace("（", "(").replace("）", ")")
    v = re.sub(r"^(?:\+86|0086)-?", "", v)
    v = re.sub(r"^\((0\d{2,3})\)", r"\1-", v)
    if _MOBILE_RE.match(v) or _LANDLINE_RE.match(v) or _SERVICE_RE.match(v):
        return None
    if v.startswith("1") and v.isdigit():
        return f"手机号应为 11 位且以 13–19 开头，实际 {len(v)} 位"
    return "不是有效的手机号或固定电话（固定电话请带区号，如 010-12345678）"


# ---- 日期
_DATE_RES = (
    re.compile(r"(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})\s*(?:[-/.月]\s*(?P<d>\d{1,2})\s*[日号]?|月)?"),
    re.compile(r"(?P<y>[〇零一二三四五六七八九]{4})年(?P<m>[一二三四五六七八九十]{1,3})月(?:(?P<d>[一二三四五六七八九十]{1,3})[日号])?"),
)


def parse_date(value: object) -> str | None:
    """A date as ``YYYY-MM-DD``, or ``YYYY-MM`` when only the month is known; None when it is not a valid date.
    Read by the case reader's own parser (:func:`assistant.facts.numbers.parse_date`): a form takes what a chat does."""
    if isinstance(value, date):
        return value.isoformat()
    parsed = read_date(unicodedata.normalize("NFKC", str(value)).strip())
    if parsed is None:
        return None
    return parsed.value.isoformat() if parsed.day_given else parsed.value.strftime("%Y-%m")


def find_dates(text: str) -> list[tuple[int, int, str]]:
    """(start, end, normalized) for every date written in the text."""
    text = text.translate(_HALF_WIDTH)
    found: list[tuple[int, int, str]] = []
    for pattern in _DATE_RES:
        for m in pattern.finditer(text):
            if any(s <= m.start() < e for s, e, _ in found):
                continue
            if m.group("d") is None and not m.group(0).endswith("月") and not re.search(r"[-/.]", m.group(0)[4:5]):
                continue
            iso = _ymd(m)
            if iso:
                found.append((m.start(), m.end(), iso))
    return sorted(found)


def _ymd(m: re.Match) -> str | None:
    try:
        y, mo = cn_to_int(m.group("y")), cn_to_int(m.group("m"))
        d = m.group("d")
        if d is None:
            date(y, mo, 1)
            return f"{y:04d}-{mo:02d}"
        return date(y, mo, cn_to_int(d)).isoformat()
    except ValueError:
        return None


def check_date(value: object) -> str | None:
    if parse_date(value) is None:
        return "不是有效日期（可写作 2024-03-01 或 2024年3月1日）"
    return None


def date_cn(iso: str) -> str:
    """2024-03-01 → 2024年3月1日; 2024-03 → 2024年3月."""
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 3:
        return f"{parts[0]}年{parts[1]}月{parts[2]}日"
    return f"{parts[0]}年{parts[1]}月"


def age_on(birth: date, on: date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


# ---- 金额
_AMOUNT_RE = re.compile(r"(?P<n>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?P<wan>万)?\s*(?P<unit>元|块钱|块)?")


def parse_amount(value: object) -> Decimal | None:
    """12,000 / 12000元 / 1.2万元 / 一万二 → Decimal; None when it is not an amount (the case reader's parser)."""
    if isinstance(value, bool):
        return None
    return read_amount(clean(str(value)) if isinstance(value, str) else value)


def find_amounts(text: str) -> list[tuple[int, int, Decimal]]:
    """(start, end, amount) for every sum of money written with 元/块 in the text."""
    text = text.translate(_HALF_WIDTH)
    out = []
    for m in _AMOUNT_RE.finditer(text):
        if not (m.group("unit") or m.group("wan")):
            continue
        if m.start() > 0 and text[m.start() - 1].isdigit():
            continue
        amount = Decimal(m.group("n").replace(",", ""))
        out.append((m.start(), m.end(), amount * 10000 if m.group("wan") else amount))
    return out


def money(amount: Decimal) -> str:
    """12000 → 12,000.00 (a figure too large to carry cents is shown as it is)."""
    try:
        return f"{amount.quantize(Decimal('0.01')):,}"
    except InvalidOperation:
        return f"{amount:,}"
