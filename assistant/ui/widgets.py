"""Draw a FormField as a Gradio input, and small shared bits of the page."""

from __future__ import annotations

from typing import Any

import gradio as gr

from assistant.ui.forms import BOOL, CHOICE, DATE, LINES, NUMBER, FormField

# Staff handlers are not Gradio API endpoints: the HTTP API (a staff key) is the programmatic door to the same work.
STAFF_ONLY: dict[str, Any] = {"api_visibility": "private"}


def field_input(f: FormField, visible: bool = True):
    label = f.label + ("（必填）" if f.required else "")
    if f.kind == NUMBER:
        # A text box, not gr.Number: an empty number box reads as 0, and 0 is not "unknown" (e.g. a local wage).
        return gr.Textbox(label=label, info=f.help or None, placeholder="填数字" if f.required else "填数字，不知道可以不填",
                          visible=visible)
    if f.kind == BOOL:
        return gr.Checkbox(label=label, info=f.help or None, value=False, visible=visible)
    if f.kind == CHOICE:
        return gr.Dropdown(label=label, info=f.help or None, choices=[("（不选）", "")] + list(f.choices), value="",
                           visible=visible)
    if f.kind == DATE:
        return gr.Textbox(label=label, info=f.help or None, placeholder="如 2024-06-30", visible=visible)
    if f.kind == LINES:
        return gr.Textbox(label=label, info=f.help or None, lines=3, visible=visible)
    return gr.Textbox(label=label, info=f.help or None, visible=visible)


