"""``labor calc KIND --option value ...``: one command per calculator, options generated from its input model.

Every option is read as text and validated by the calculator's pydantic model, so the CLI, the Python API and the
HTTP API give the same Chinese error for the same bad input.
"""

from __future__ import annotations

import inspect
import json
from typing import Any, Optional

import typer

from assistant.calculators.models import CalculatorInputError
from assistant.calculators.registry import KINDS, Kind, calculate

app = typer.Typer(
    name="calc",
    help="劳动待遇计算器：经济补偿、违法解除赔偿金、代通知金、二倍工资、加班费、年休假、产假、试用期、工伤待遇、时效期限。"
         "每个结果都附算式、计算过程和法律依据。例：labor calc unlawful_termination --service-months 48 --monthly-wage 8000",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)


def _option_help(name: str, info: Any) -> str:
    title = info.title or name
    text = f"{title}" + (f"：{info.description}" if info.description else "")
    return text + ("（必填）" if info.is_required() else "")


def _is_bool(info: Any) -> bool:
    return info.annotation is bool


def _make_command(kind: Kind):
    fields = kind.model.model_fields

    def run(**options: Any) -> None:
        as_json = options.pop("as_json", False)
        inputs = {name: value for name, value in options.items() if value is not None}
        try:
            result = calculate(kind.id, **inputs)
        except CalculatorInputError as exc:
            typer.echo(f"输入有误（{exc.field}）：{exc.message}", err=True)
            raise typer.Exit(code=2) from None
        if as_json:
            typer.echo(json.dumps(result.model_dump(mode="json"), ensure_ascii=False, indent=2))
        else:
            typer.echo(result.to_text())

    params = []
    for name, info in fields.items():
        flag = "--" + name.replace("_", "-")
        if _is_bool(info):
            default = typer.Option(None, f"{flag}/--no-{flag[2:]}", help=_option_help(name, info))
            annotation: Any = Optional[bool]
        else:
            default = typer.Option(None, flag, help=_option_help(name, info))
            annotation = Optional[str]
        params.append(inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation))
    params.append(inspect.Parameter("as_json", inspect.Parameter.KEYWORD_ONLY, annotation=bool,
                                    default=typer.Option(False, "--json", help="以 JSON 输出完整结果")))
    run.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
    run.__annotations__ = {p.name: p.annotation for p in params}
    run.__name__ = kind.id
    return run


for _kind in KINDS.values():
    app.command(name=_kind.id, help=f"{_kind.name}。{_kind.description}",
                short_help=_kind.name)(_make_command(_kind))
