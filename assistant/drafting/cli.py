"""``labor draft TYPE --case case.json --out file.docx [--narrative story.txt]``."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

# The command is the app's callback, so that ``app.add_typer(app, name="draft")`` gives ``labor draft TYPE …``
# (a registered command would need ``labor draft draft TYPE …``).
app = typer.Typer(add_completion=False, rich_markup_mode=None, invoke_without_command=True,
                  context_settings={"allow_interspersed_args": True})

_TYPES_HELP = ("arbitration_application 仲裁申请书、inspection_complaint 监察投诉书、"
               "resignation_notice 被迫解除通知书、"
               "union_reminder_letter 提示函、union_opinion_letter 意见书、union_suggestion_letter 建议书、"
               "procuratorate_referral 移送线索函、legal_aid_application 法律援助申请书")


@app.callback()
def draft(
    doc_type: Annotated[str, typer.Argument(metavar="TYPE", help=f"文书类型：{_TYPES_HELP}")],
    case: Annotated[Path, typer.Option("--case", help="案件信息 JSON 文件")],
    out: Annotated[Path, typer.Option("--out", help="输出的 .docx 文件")],
    narrative: Annotated[Optional[Path], typer.Option("--narrative", help="当事人叙述（纯文本文件）")] = None,
    markdown: Annotated[Optional[Path], typer.Option("--markdown", help="同时输出 Markdown 文件")] = None,
    offline: Annotated[bool, typer.Option("--offline", help="不调用语言模型，只按规则生成")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="以 JSON 输出缺项、提醒和引用")] = False,
) -> None:
    """根据案件信息起草文书并导出 .docx；缺少的必填项以【待补充：…】标出。"""
    from assistant.drafting import DraftingError
    from assistant.drafting import draft as make_draft

    data = _read_json(case)
    story = _read_text(narrative) if narrative else None
    chat_model, calculate, resolve, notes = _services(offline)
    try:
        result = make_draft(doc_type, data, story, chat_model=chat_model, calculate=calculate, resolve=resolve)
    except DraftingError as exc:
        typer.echo(exc.message, err=True)
        raise typer.Exit(2) from None
    _write(out, result.docx)
    if markdown:
        _write(markdown, result.markdown.encode("utf-8"))
    warnings = notes + result.warnings
    if as_json:
        payload = result.model_dump(mode="json", exclude={"markdown", "fields"})
        payload["warnings"] = warnings
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    typer.echo(f"已生成《{result.name}》：{out}")
    if result.missing:
        typer.echo("待补充的必填项：" + "、".join(result.missing))
    for w in warnings:
        typer.echo(f"提醒：{w}")
    from assistant.numerals import article_label

    unverified = [f"《{c.law}》{article_label(c.article)}" if c.law and c.article else c.raw
                  for c in result.citations if not c.verified]
    if unverified:
        typer.echo("未核实的引用：" + "、".join(dict.fromkeys(unverified)))
    for h in result.hints:
        typer.echo(f"参考：{h}")
    if result.extracted:
        typer.echo("从叙述中提取（请核对）：")
        for e in result.extracted:
            typer.echo(f"  {e.label}：{e.value}" + ("" if e.applied else "（未采用，案件信息已有此项）"))


def _read_json(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        _fail(f"找不到案件信息文件：{path}")
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        _fail(f"案件信息文件不是有效的 JSON（UTF-8）：{exc}")
    if not isinstance(data, dict):
        _fail("案件信息应为 JSON 对象（键值对），例如 {\"worker\": {\"name\": \"张三\"}}")
    return data


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        _fail(f"找不到叙述文件：{path}")
    except UnicodeDecodeError:
        _fail("叙述文件应为 UTF-8 编码的纯文本")
    return ""


def _write(path: Path, data: bytes) -> None:
    """Written next to the target first, then moved: an interrupted run never leaves a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    tmp.write_bytes(data)
    tmp.replace(path)


def _services(offline: bool):
    """The language model, calculators and article resolver, each optional: a missing one only adds a note."""
    from assistant.config import get_settings

    notes: list[str] = []
    settings = get_settings()
    chat_model = resolve = None
    calculate: Callable[..., Any] | None = None
    if not offline and settings.llm_configured:
        from assistant.llm import build_chat_model

        chat_model = build_chat_model(settings, streaming=False)
    try:
        from assistant.calculators import calculate
    except ImportError:
        notes.append("计算器不可用，请求金额需直接填写")
    try:
        from assistant import Assistant

        assistant = Assistant.from_settings(settings)
        assistant.index  # noqa: B018  (open now, so a missing index is reported here, not mid-draft)
        resolve = assistant.provision_by_id
    except Exception:  # no index yet: the document is still drafted, its citations marked unverified
        notes.append("法规库不可用，可先运行 labor ingest 导入法规")
    return chat_model, calculate, resolve, notes


def _fail(message: str) -> None:
    typer.echo(message, err=True)
    raise typer.Exit(2)
