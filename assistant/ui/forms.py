"""Form plumbing without a browser: which inputs a calculator or a document type needs, and turning what a person
typed into the calculator's inputs or the drafting ``case``. Kept free of Gradio so it is tested directly."""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel

# Field widgets the page can draw.
NUMBER, TEXT, DATE, BOOL, CHOICE, LINES = "number", "text", "date", "bool", "choice", "lines"


class FormField(BaseModel):
    name: str  # calculator input name, or drafting case path ("worker.name")
    label: str
    kind: str
    required: bool = False
    help: str = ""
    choices: list[tuple[str, str]] = []  # (label shown, value)
    columns: list[str] = []  # for LINES of objects: the sub-fields of each "a | b | c" line


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """(inner type, optional?) for ``X | None``."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return (args[0] if len(args) == 1 else str), True
    return annotation, False


def _choice_labels(values: list[str], description: str) -> list[tuple[str, str]]:
    """Literal choices, labelled from a ``value=说明；value=说明`` description when it has one."""
    labels = dict(re.findall(r"([A-Za-z_][\w]*)=([^；;]+)", description or ""))
    return [(labels.get(v, v), v) for v in values]


def calculator_fields(model: type[BaseModel]) -> list[FormField]:
    fields = []
    for name, info in model.model_fields.items():
        inner, _ = _unwrap(info.annotation)
        required = info.is_required()
        label = info.title or name
        help_text = info.description or ""
        if typing.get_origin(inner) is Literal:
            values = [str(v) for v in typing.get_args(inner)]
            fields.append(FormField(name=name, label=label, kind=CHOICE, required=required,
                                    choices=_choice_labels(values, help_text),
                                    help="" if "=" in help_text else help_text))
            continue
        kind = {bool: BOOL, int: NUMBER, float: NUMBER, Decimal: NUMBER, dt.date: DATE}.get(inner, TEXT)
        if typing.get_origin(inner) in (list, tuple):
            kind = LINES
        fields.append(FormField(name=name, label=label, kind=kind, required=required, help=help_text))
    return fields


def calculator_inputs(fields: list[FormField], values: list[Any]) -> dict[str, Any]:
    """What was filled in, as calculator inputs; blanks are left out so the calculator's defaults apply."""
    inputs: dict[str, Any] = {}
    for f, value in zip(fields, values, strict=True):
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        if f.kind == BOOL and value is False and not f.required:
            continue
        if f.kind == NUMBER and isinstance(value, float) and value.is_integer():
            value = int(value)
        if f.kind == LINES:
            value = [line.strip() for line in str(value).splitlines() if line.strip()]
        inputs[f.name] = value.strip() if isinstance(value, str) else value
    return inputs


# ---- documents
# List fields of the case whose items are objects: typed one per line as "a | b | c".
OBJECT_LINES = {
    "claims": ["item", "amount", "basis"],
    "evidence": ["name", "source", "purpose"],
    "witnesses": ["name", "address", "phone"],
    "grounds": ["item", "detail"],
    "affected_workers": ["name", "id_number", "phone", "amount_owed", "period"],
}
OBJECT_LINE_HELP = {
    "claims": "每行一项：请求事项 | 金额 | 依据，如：支付经济补偿 | 32000 | 劳动合同法第四十六条",
    "evidence": "每行一项：证据名称 | 来源 | 证明什么，如：工资条 | 本人保存 | 拖欠工资数额",
    "witnesses": "每行一人：姓名 | 住址 | 电话",
    "grounds": "每行一项：第三十八条第几项（1-6，第二款填 0） | 具体事实",
    "affected_workers": "每行一人：姓名 | 身份证号 | 电话 | 被拖欠金额 | 拖欠期间",
}
STRING_LISTS = {"violations", "requests", "requested_supervision", "referral_kinds"}
LONG_TEXT = {"facts", "reasons", "investigation", "employer_response", "hardship", "government_order"}
NUMBER_FIELDS = {"monthly_wage", "unpaid_wages", "affected_count", "copies", "aid_matter", "worker.age"}


def document_fields(doc_type: dict) -> list[FormField]:
    out = []
    for spec in doc_type.get("fields", []):
        path = spec["path"]
        if path in OBJECT_LINES:
            out.append(FormField(name=path, label=spec["label"], kind=LINES, required=spec.get("required", False),
                                 help=OBJECT_LINE_HELP[path], columns=OBJECT_LINES[path]))
        elif path in STRING_LISTS:
            out.append(FormField(name=path, label=spec["label"], kind=LINES, required=spec.get("required", False),
                                 help="每行一项"))
        elif path in LONG_TEXT:
            out.append(FormField(name=path, label=spec["label"], kind=LINES, required=spec.get("required", False)))
        elif path == "migrant_worker":
            out.append(FormField(name=path, label=spec["label"], kind=BOOL))
        elif spec.get("choices"):  # 性别: 男 / 女, a choice rather than free text
            out.append(FormField(name=path, label=spec["label"], kind=CHOICE, required=spec.get("required", False),
                                 choices=[(c, c) for c in spec["choices"]]))
        else:
            kind = DATE if path.endswith("date") else TEXT
            out.append(FormField(name=path, label=spec["label"], kind=kind, required=spec.get("required", False)))
    return out


def case_from_form(fields: list[FormField], values: list[Any]) -> dict[str, Any]:
    """The drafting ``case`` dict from the form: dotted paths nest, list fields split by line and by "|"."""
    case: dict[str, Any] = {}
    for f, value in zip(fields, values, strict=True):
        if value is None or value is False or (isinstance(value, str) and not value.strip()):
            continue
        if f.name in OBJECT_LINES:
            value = [_line_object(line, f.columns) for line in str(value).splitlines() if line.strip()]
        elif f.name in STRING_LISTS:
            value = [line.strip() for line in str(value).splitlines() if line.strip()]
        elif isinstance(value, str):
            value = value.strip()
        node = case
        *parents, leaf = f.name.split(".")
        for p in parents:
            node = node.setdefault(p, {})
        node[leaf] = value
    return case


def _line_object(line: str, columns: list[str]) -> dict[str, str]:
    parts = [p.strip() for p in re.split(r"[|｜]", line)]
    return {c: p for c, p in zip(columns, parts, strict=False) if p}  # a short line leaves the last columns empty


def form_values_from_case(fields: list[FormField], case: dict[str, Any]) -> list[Any]:
    """The reverse, to prefill the form from a suggestion: nested values back into one text per field."""
    values = []
    for f in fields:
        node: Any = case
        for part in f.name.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        if isinstance(node, list):
            node = "\n".join(" | ".join(str(item.get(c, "")) for c in f.columns) if isinstance(item, dict)
                             else str(item) for item in node)
        values.append(False if f.kind == BOOL and node is None else ("" if node is None else node))
    return values
