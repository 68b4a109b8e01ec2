"""Reading a drafting case from user data: values of the right kind but wrong become warnings naming the field;
unknown keys and values of the wrong shape become a :class:`DraftInputError` naming it in Chinese."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from assistant.drafting.case import Case, label_of
from assistant.drafting.errors import DraftInputError


def _drop(data: Any, loc: tuple) -> bool:
    """Remove the value at ``loc`` from nested dicts/lists; True when something was removed."""
    node = data
    for key in loc[:-1]:
        if isinstance(node, dict) and key in node:
            node = node[key]
        elif isinstance(node, list) and isinstance(key, int) and key < len(node):
            node = node[key]
        else:
            return False
    last = loc[-1] if loc else None
    if isinstance(node, dict) and last in node:
        del node[last]
        return True
    if isinstance(node, list) and isinstance(last, int) and last < len(node):
        node[last] = {} if isinstance(node[last], dict) else None
        return True
    return False


# pydantic error types that mean the value has the wrong shape (an object where text belongs, text where a list of
# objects belongs, a key the case does not have): the request is wrong, not just one value
_SHAPE_ERRORS = {"extra_forbidden", "model_type", "model_attributes_type", "dict_type", "list_type", "is_instance_of",
                 "dataclass_type"}


def load_case(data: Any) -> tuple[Case, list[str]]:
    """A ``Case`` from user data. A value that is the right kind but wrong (an amount in words the parser cannot
    read, a number out of range) is dropped with a warning naming the field; a key the case does not have, or a
    value of the wrong shape, raises :class:`DraftInputError` naming the field in Chinese."""
    import copy

    if data is None:
        return Case(), []
    if not isinstance(data, dict):
        raise TypeError("案件信息应为 JSON 对象（键值对）")
    data = copy.deepcopy(data)
    warnings: list[str] = []
    for _ in range(200):  # each pass drops at least one bad value, or raises
        try:
            return Case.model_validate(data), warnings
        except ValidationError as exc:
            errors = exc.errors()
            for err in errors:
                _raise_on_shape(err)
            dropped = False
            for err in errors:
                loc = tuple(err["loc"])
                if _drop(data, loc):
                    dropped = True
                    warnings.append(f"「{label_of(loc)}」{_why(err)}，已忽略该值")
            if not dropped:
                loc = tuple(errors[0]["loc"])
                label = label_of(loc) or "案件信息"
                raise DraftInputError(label, f"「{label}」{_why(errors[0])}", path=_path(loc)) from None
    raise DraftInputError("案件信息", "案件信息中无法读取的值太多，请检查后重试")


def _raise_on_shape(err: ErrorDetails) -> None:
    loc = tuple(err["loc"])
    kind = err.get("type", "")
    scalar_slot_got_container = kind.startswith(("string", "int", "decimal", "float", "bool", "literal")) \
        and isinstance(err.get("input"), (dict, list))
    if kind not in _SHAPE_ERRORS and not scalar_slot_got_container:
        return
    label = label_of(loc) or "案件信息"
    if kind == "extra_forbidden":
        parent = label_of(loc[:-1])
        where = f"「{parent}」中" if parent else "案件信息中"
        raise DraftInputError(label, f"{where}没有「{loc[-1]}」这一项，请检查字段名", path=_path(loc))
    raise DraftInputError(label, f"「{label}」{_shape_hint(kind, err.get('input'))}", path=_path(loc))


def _shape_hint(kind: str, value: Any) -> str:
    if kind in {"list_type"}:
        return "应为列表（每项一条）"
    if kind in {"model_type", "model_attributes_type", "dict_type", "dataclass_type"}:
        return "应为对象（键值对）"
    if isinstance(value, (dict, list)):
        return "应为文字或数字，不能是对象或列表"
    return "格式不对"


def _path(loc: tuple) -> str:
    return ".".join(str(k) for k in loc)


def _why(err: ErrorDetails) -> str:
    msg = err.get("msg", "")
    if "不是有效金额" in msg:
        return "不是有效金额"
    kind = err.get("type", "")
    if kind.startswith(("int", "decimal", "float")):
        return "应为数字"
    if kind in {"greater_than_equal", "less_than_equal"}:
        return "超出合理范围"
    if kind.startswith(("list", "dict", "model")):
        return "格式不对"
    if kind.startswith("literal"):
        return "应为" + "或".join(str(x).strip("'") for x in (err.get("ctx") or {}).get("expected", "").split(" or ")) \
            if (err.get("ctx") or {}).get("expected") else "不在可选范围内"
    if kind.startswith(("string", "bool")):
        return "应为文字" if kind.startswith("string") else "应为是或否"
    return "格式不对"
