"""The place a local rule governs, in the official names the case facts use (上海市, 浙江省 + 宁波市).

A manifest row names it in short form (``上海``, ``浙江`` / ``宁波``); a rule filed without one is placed by its title
when the title begins with a province or city (上海市劳动合同条例, 宁波市企业工资集体协商条例). National texts begin with
中华人民共和国, 国务院, 最高人民法院 or a subject, never with a place, so they stay national.
"""

from __future__ import annotations

from assistant.facts.places import CITY_TO_PROVINCE, PROVINCE_NAMES, find_place


def official_place(province: str, city: str) -> tuple[str, str]:
    """(``上海市``, ``""``) from (``上海``, ``""``); (``浙江省``, ``宁波市``) from (``浙江``, ``宁波``)."""
    province, city = province.strip(), city.strip()
    official_city = city if city.endswith("市") or not city else f"{city}市"
    official_province = PROVINCE_NAMES.get(province, province)
    if not official_province and official_city:
        official_province = CITY_TO_PROVINCE.get(official_city, "")
    return official_province, official_city


def place_of_title(title: str) -> tuple[str, str]:
    """The place a title begins with, or ("", "") for a national text."""
    province, city, span = find_place(title)
    if span is None or span[0] != 0 or not province:
        return "", ""
    if city == province:  # a municipality: the whole place is the province
        city = None
    return province, city or ""
