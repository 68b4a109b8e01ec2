"""Provinces and cities as workers name them ("在深圳打工", "上海的公司"), mapped to their official names.

The seven provinces whose local rules the corpus holds are listed city by city; for the rest, the province and its
capital. A place is read only from these names, so a word that merely contains a city's character is not a place.
"""

from __future__ import annotations

import re

# province → its cities (short names; the official name adds 市 unless it already ends in 州/盟…)
_CITIES: dict[str, list[str]] = {
    "北京市": [], "上海市": [], "天津市": [], "重庆市": [],
    "广东省": ["广州", "深圳", "珠海", "汕头", "佛山", "韶关", "湛江", "肇庆", "江门", "茂名", "惠州", "梅州", "汕尾",
            "河源", "阳江", "清远", "东莞", "中山", "潮州", "揭阳", "云浮"],
    "浙江省": ["杭州", "宁波", "温州", "嘉兴", "湖州", "绍兴", "金华", "衢州", "舟山", "台州", "丽水", "义乌"],
    "山东省": ["济南", "青岛", "淄博", "枣庄", "东营", "烟台", "潍坊", "济宁", "泰安", "威海", "日照", "临沂", "德州",
            "聊城", "滨州", "菏泽"],
    "河南省": ["郑州", "开封", "洛阳", "平顶山", "安阳", "鹤壁", "新乡", "焦作", "濮阳", "许昌", "漯河", "三门峡",
            "南阳", "商丘", "信阳", "周口", "驻马店", "济源"],
    "江苏省": ["南京", "苏州", "无锡", "常州", "南通", "徐州", "扬州", "昆山"],
    "福建省": ["福州", "厦门", "泉州", "晋江"],
    "河北省": ["石家庄", "唐山", "保定", "廊坊"],
    "山西省": ["太原"], "辽宁省": ["沈阳", "大连"], "吉林省": ["长春"], "黑龙江省": ["哈尔滨"],
    "安徽省": ["合肥", "芜湖"], "江西省": ["南昌"], "湖北省": ["武汉"], "湖南省": ["长沙"],
    "海南省": ["海口", "三亚"], "四川省": ["成都"], "贵州省": ["贵阳"], "云南省": ["昆明"], "陕西省": ["西安"],
    "甘肃省": ["兰州"], "青海省": ["西宁"], "台湾省": [],
    "内蒙古自治区": ["呼和浩特"], "广西壮族自治区": ["南宁", "柳州"], "西藏自治区": ["拉萨"],
    "宁夏回族自治区": ["银川"], "新疆维吾尔自治区": ["乌鲁木齐"],
    "香港特别行政区": [], "澳门特别行政区": [],
}
_SHORT = {"内蒙古自治区": "内蒙古", "广西壮族自治区": "广西", "西藏自治区": "西藏", "宁夏回族自治区": "宁夏",
          "新疆维吾尔自治区": "新疆", "香港特别行政区": "香港", "澳门特别行政区": "澳门", "黑龙江省": "黑龙江"}
MUNICIPALITIES = frozenset({"北京市", "上海市", "天津市", "重庆市"})

CITY_TO_PROVINCE: dict[str, str] = {f"{c}市": p for p, cities in _CITIES.items() for c in cities}
PROVINCE_NAMES: dict[str, str] = {}
for _p in _CITIES:
    PROVINCE_NAMES[_p] = _p
    PROVINCE_NAMES[_SHORT.get(_p, _p.rstrip("省市"))] = _p

_NAMES = sorted({**{c: c for c in CITY_TO_PROVINCE}, **{c[:-1]: c for c in CITY_TO_PROVINCE}}.items(),
                key=lambda kv: -len(kv[0]))
_CITY_RE = re.compile("|".join(re.escape(n) for n, _ in _NAMES))
_CITY_OF = dict(_NAMES)
_PROVINCE_RE = re.compile("|".join(re.escape(n) for n in sorted(PROVINCE_NAMES, key=len, reverse=True)))
# characters after a name that show it is something else: 上海话, 北京烤鸭 are not where the worker works
_NOT_PLACE_AFTER = re.compile(r"^(?:话|菜|人说|烤鸭|时间|户口的|口音)")


def find_place(text: str) -> tuple[str | None, str | None, tuple[int, int] | None]:
    """(province, city, span of the words read) of the first place named; a city gives its province too."""
    for m in _CITY_RE.finditer(text):
        if _NOT_PLACE_AFTER.match(text[m.end():]):
            continue
        city = _CITY_OF[m.group(0)]
        return CITY_TO_PROVINCE[city], city, m.span()
    for m in _PROVINCE_RE.finditer(text):
        if _NOT_PLACE_AFTER.match(text[m.end():]):
            continue
        province = PROVINCE_NAMES[m.group(0)]
        city = province if province in MUNICIPALITIES else None
        return province, city, m.span()
    return None, None, None
