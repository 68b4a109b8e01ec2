"""Chinese numerals used in statute numbering, both ways.

Statutes number articles in Chinese (第二百七十六条之一); people write them either way (第276条, 276条之一).
Article ids use arabic digits with ``-N`` for 之N: ``"276-1"``.
"""

from __future__ import annotations

import re

_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "壹": 1, "幺": 1, "二": 2, "贰": 2, "两": 2, "三": 3, "叁": 3,
           "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8,
           "九": 9, "玖": 9}
_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000, "万": 10000}
CN_NUMERAL_CHARS = "".join(_DIGITS) + "".join(_UNITS)
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


def cn_to_int(text: str) -> int:
    """Parse a Chinese or arabic numeral: 三十八 → 38, 一百零八 → 108, 二〇二五 → 2025, 38 → 38."""
    text = text.strip().translate(_FULLWIDTH)
    if not text:
        raise ValueError("empty numeral")
    if text.isdigit():
        return int(text)
    if any(ch not in _DIGITS and ch not in _UNITS for ch in text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    if not any(ch in _UNITS for ch in text):  # digit by digit: 二〇二五
        return int("".join(str(_DIGITS[ch]) for ch in text))
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        else:
            unit = _UNITS[ch]
            if unit == 10000:
                total += (section + (digit or 0)) * unit
                section, digit = 0, None
            else:
                section += (1 if digit is None else digit) * unit
                digit = None
    return total + section + (digit or 0)


def int_to_cn(n: int) -> str:
    """Write a number as statutes do: 10 → 十, 38 → 三十八, 108 → 一百零八, 110 → 一百一十."""
    if n < 0:
        raise ValueError("negative numeral")
    if n == 0:
        return "零"
    if n >= 10000:
        raise ValueError("numeral too large for statute numbering")
    digits = "零一二三四五六七八九"
    out, zero = [], False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d, n = divmod(n, value)
        if d:
            if zero:
                out.append("零")
                zero = False
            out.append(digits[d] + unit)
        elif out:
            zero = True
    text = "".join(out)
    if text.startswith("一十"):  # 十二, not 一十二 (but 一百一十 keeps its 一)
        text = text[1:]
    return text


_ARTICLE_ID = re.compile(r"^(\d+)(?:-(\d+))?$")


def article_label(article: str) -> str:
    """``"276-1"`` → ``"第二百七十六条之一"``; non-numeric labels are returned as they are."""
    m = _ARTICLE_ID.match(article)
    if not m:
        return article
    label = f"第{int_to_cn(int(m.group(1)))}条"
    if m.group(2):
        label += f"之{int_to_cn(int(m.group(2)))}"
    return label


def article_sort_key(article: str) -> tuple[int, int, str]:
    m = _ARTICLE_ID.match(article)
    if not m:
        return (10**9, 0, article)
    return (int(m.group(1)), int(m.group(2) or 0), "")
