"""计算器: one form per calculator, drawn from its input model; the result with formula, steps and articles."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import gradio as gr

from assistant.calculators import KINDS, CalculatorInputError
from assistant.serialize import to_jsonable
from assistant.ui import render
from assistant.ui.access import Door
from assistant.ui.forms import FormField, calculator_fields, calculator_inputs
from assistant.ui.widgets import field_input


@dataclass
class CalcTab:
    kind: Any = None  # the dropdown
    groups: dict[str, Any] = field(default_factory=dict)
    fields: dict[str, list[tuple[FormField, Any]]] = field(default_factory=dict)

    def all_inputs(self) -> list[Any]:
        return [comp for kind in self.fields for _, comp in self.fields[kind]]

    def prefill(self, kind: str, inputs: dict[str, Any]) -> list[Any]:
        """Updates for [dropdown, *groups, *all inputs] that open ``kind`` with ``inputs`` filled in."""
        updates: list[Any] = [gr.update(value=kind)]
        updates += [gr.update(visible=k == kind) for k in self.groups]
        for k, pairs in self.fields.items():
            for f, _ in pairs:
                updates.append(gr.update(value=inputs.get(f.name)) if k == kind and f.name in inputs else gr.update())
        return updates


def run_calculation(assistant: Any, kind: str, fields: list[FormField], values: list[Any]) -> str:
    inputs = calculator_inputs(fields, values)
    try:
        result = assistant.calculate(kind, **inputs)
    except Exception as exc:  # every input problem is shown in Chinese, never as a traceback
        if isinstance(exc, CalculatorInputError):
            label = next((f.label for f in fields if f.name == exc.field), "")
            return f"注意：{label + '：' if label else ''}{exc.message}"
        if hasattr(exc, "errors"):
            names = {f.name: f.label for f in fields}
            bad = [names.get(str(e.get("loc", ["?"])[0]), str(e.get("loc", ["?"])[0])) for e in exc.errors()]
            return "注意：请检查这些输入：" + "、".join(dict.fromkeys(bad))
        if isinstance(exc, (ValueError, TypeError, ArithmeticError)):
            return "注意：输入的数值无法计算，请检查金额、日期和年限。"
        raise
    return render.calc_markdown(to_jsonable(result))


def build(assistant_of, door: Door) -> CalcTab:
    tab = CalcTab()
    kinds = KINDS
    gr.Markdown("选择要算的项目，填写已知的数字。带“当地”字样的数字请查当地人社部门公布的标准，不填则不计入。")
    first = next(iter(kinds))
    tab.kind = gr.Dropdown(label="要算什么", choices=[(v.name, k) for k, v in kinds.items()], value=first)
    for k, entry in kinds.items():
        fields = calculator_fields(entry.model)
        with gr.Group(visible=k == first) as group:
            tab.fields[k] = [(f, field_input(f)) for f in fields]
        tab.groups[k] = group
    go = gr.Button("计算", variant="primary")
    result = gr.Markdown(elem_id="calc-result")

    def show(kind: str):
        return [gr.update(visible=k == kind) for k in tab.groups]

    tab.kind.change(show, tab.kind, list(tab.groups.values()))

    def compute(request: gr.Request, key: str, kind: str, *values):
        refused = door.refusal(request, key)
        if refused:
            return f"注意：{render.esc(refused)}"
        offset = 0
        for k, pairs in tab.fields.items():
            if k == kind:
                return run_calculation(assistant_of(), kind, [f for f, _ in pairs], list(values[offset:offset + len(pairs)]))
            offset += len(pairs)
        return "请选择计算项目。"

    go.click(compute, [door.key_input(), tab.kind, *tab.all_inputs()], result)
    return tab
