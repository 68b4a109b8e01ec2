"""Which local rules a worker's place admits: the rules of that province, and of that city when one is known.

Places arrive in the official names the case facts use (上海市, 浙江省, 宁波市) or in short form (上海, 浙江, 宁波); they
are compared by their short form, so either spelling names the same place.
"""

from __future__ import annotations

_SUFFIXES = ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市")


def place_key(name: str | None) -> str:
    """上海 from 上海市, 广西 from 广西壮族自治区; "" for no place."""
    name = (name or "").strip()
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


def admits(row_province: str, row_city: str, province: str | None, city: str | None) -> bool:
    """Whether a local rule of (row_province, row_city) governs a worker in (province, city). National texts
    (no province) are for everyone; a province's rule for its whole province; a city's rule for that city only."""
    if not row_province:
        return True
    want_province, want_city = place_key(province), place_key(city)
    if want_province and place_key(row_province) != want_province:
        return False
    if not row_city:  # a province-wide rule (a municipality's rules are province-wide)
        return bool(want_province) or place_key(row_province) == want_city
    return bool(want_city) and place_key(row_city) == want_city
