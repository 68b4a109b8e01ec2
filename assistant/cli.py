"""``labor``: the command line of 劳动维权助手 (search, ingest, corpus download, and the modules mounted below)."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from assistant import _env  # noqa: F401
from assistant.cli_help import install_chinese_help
from assistant.errors import LaborAssistantError

install_chinese_help()

app = typer.Typer(
    name="labor",
    help="劳动维权助手：查法条、问问题、算补偿、写文书。\n\n法规库在首次使用前需要准备：labor ingest 文件夹，或 labor corpus download。",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)
corpus_app = typer.Typer(help="法规文本：按固定来源下载并校验，查看来源清单。", no_args_is_help=True)
app.add_typer(corpus_app, name="corpus")


def _assistant(data_dir: Path | None = None, lexical: bool = False):
    from assistant import Assistant
    from assistant.config import get_settings

    overrides: dict[str, Path | str] = {}  # the Settings fields this run changes
    if data_dir:
        overrides["data_dir"] = data_dir
    if lexical:
        overrides["retrieval_mode"] = "lexical"
    return Assistant.from_settings(get_settings(), **overrides)


def _fail(exc: LaborAssistantError) -> None:
    typer.echo(exc.message, err=True)
    raise typer.Exit(2)


def _print_json(data) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


DataDir = Annotated[Optional[Path], typer.Option("--data-dir", help="数据目录（默认取 LABOR_DATA_DIR 或 ./data）")]


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="问题或法条，如“加班费怎么算”“劳动合同法第三十八条”")],
    k: Annotated[int, typer.Option("-k", "--top", min=1, max=100, help="返回条数")] = 10,
    law: Annotated[Optional[str], typer.Option(help="只在这部法规中查，如 劳动合同法")] = None,
    category: Annotated[Optional[str], typer.Option(help="只查这一类：law、administrative_regulation、judicial_interpretation、case …")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON")] = False,
    lexical: Annotated[bool, typer.Option("--lexical", help="只用关键词检索（不加载向量模型）")] = False,
    data_dir: DataDir = None,
) -> None:
    """查找与问题相关的法条，最相关的在前。"""
    try:
        hits = _assistant(data_dir, lexical).search(query, k=k, law=law, category=category)
    except LaborAssistantError as exc:
        _fail(exc)
    if as_json:
        _print_json([h.to_dict() for h in hits])
        return
    if not hits:
        typer.echo("没有找到相关法条。")
    for n, h in enumerate(hits, 1):
        status = "" if h.status == "in_force" else "（已失效）"
        typer.echo(f"{n}. {h.title}{status}  [{' / '.join(h.chapter)}]")
        typer.echo("   " + h.text.replace("\n", "\n   ")[:400])


@app.command()
def ask(
    question: Annotated[str, typer.Argument(help="用大白话提问，如“老板三个月没发工资，我想辞职能要补偿吗？”")],
    as_json: Annotated[bool, typer.Option("--json", help="输出完整的回答对象（JSON）")] = False,
    before: Annotated[list[str] | None, typer.Option(
        "--before", help="此前说过的话（可多次），按先后顺序，如 --before \"公司突然把我辞退了\"")] = None,
    fact: Annotated[list[str] | None, typer.Option(
        "--fact", help="更正案情（可多次）：事实名=值，如 --fact pay.monthly_wage=6000")] = None,
) -> None:
    """提问并得到带法条依据的回答：引用逐条核对，未配置大模型时离线生成；并列出「我理解的情况」，不对的用 --fact 更正。"""
    from assistant.answering.cli import ask_command

    raise typer.Exit(ask_command(question, as_json, before=before or [], facts=fact or []))


@app.command()
def show(
    law: Annotated[str, typer.Argument(help="法规名称或简称，如 劳动合同法、劳动争议解释（一）")],
    article: Annotated[str, typer.Argument(help="条号，如 38、第三十八条、276-1")],
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON")] = False,
    data_dir: DataDir = None,
) -> None:
    """显示一条法条的全文，以及库中引用它的条文和案例。"""
    try:
        a = _assistant(data_dir, lexical=True)
        p = a.provision(law, article)
    except LaborAssistantError as exc:
        _fail(exc)
    if p is None:
        typer.echo(f"法规库中没有找到：{law} {article}（请检查法规名称和条号）", err=True)
        raise typer.Exit(1)
    citing = a.citing(p.id)
    if as_json:
        _print_json({**p.to_dict(), "cited_by": [c.id for c in citing]})
        return
    typer.echo(f"{p.label}（{p.doc_title}，{p.version_date or '版本日期未知'}，{'现行有效' if p.in_force else '已失效'}）")
    if p.chapter:
        typer.echo(" / ".join(p.chapter))
    typer.echo(p.text)
    if citing:
        typer.echo(f"\n引用本条的（{len(citing)}）：" + "、".join(c.label for c in citing))


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="文件或文件夹：.md .txt .pdf .docx .html")],
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON 格式的导入报告")] = False,
    data_dir: DataDir = None,
) -> None:
    """导入法规或文档，建立检索索引（未变化的文件按内容校验跳过；失败时原索引继续可用）。"""
    try:
        report = _assistant(data_dir).ingest(paths, progress=not as_json and sys.stderr.isatty())
    except LaborAssistantError as exc:
        _fail(exc)
    if as_json:
        _print_json(report.model_dump())
    else:
        typer.echo(report.summary())
    if report.rejected and not report.changed and not report.of("unchanged"):
        raise typer.Exit(1)


@app.command()
def stats(data_dir: DataDir = None) -> None:
    """法规库概况：条文数、法规数、向量索引状态。"""
    try:
        _print_json(_assistant(data_dir, lexical=True).stats())
    except LaborAssistantError as exc:
        _fail(exc)


@app.command()
def interactive(data_dir: DataDir = None) -> None:
    """交互式查询：输入问题，回车查看相关法条；输入空行退出。"""
    from assistant.bootstrap import ensure_index
    from assistant.config import get_settings

    settings = get_settings() if data_dir is None else get_settings().model_copy(update={"data_dir": data_dir})
    try:
        ensure_index(settings, echo=typer.echo)
        a = _assistant(data_dir)
        typer.echo(f"法规库已就绪（{a.stats()['provisions']} 条）。输入问题开始查询，空行退出。")
    except LaborAssistantError as exc:
        _fail(exc)
    while True:
        try:
            query = input("\n问题> ").strip()
        except EOFError:
            break
        if not query:
            break
        for n, h in enumerate(a.search(query, k=5), 1):
            typer.echo(f"{n}. {h.title}\n   {h.text[:300]}")


@corpus_app.command("download")
def corpus_download(
    dest: Annotated[Optional[Path], typer.Option(help="保存目录（默认 数据目录/corpus，按 laws/、extra/、local/ 分目录）")] = None,
    mirror: Annotated[Optional[str], typer.Option(help="镜像地址（默认取 LABOR_CORPUS_MIRROR_URL）")] = None,
    no_ingest: Annotated[bool, typer.Option("--no-ingest", help="只下载校验，不导入")] = False,
    data_dir: DataDir = None,
) -> None:
    """按 corpus/sources.csv 中固定到具体提交的地址下载法规文本，逐个校验 sha256 后导入。"""
    from assistant.config import get_settings
    from ingest.download import download_corpus

    settings = get_settings() if data_dir is None else get_settings().model_copy(update={"data_dir": data_dir})
    try:
        download_corpus(settings, dest=dest, mirror=mirror, ingest=not no_ingest, progress=True, echo=typer.echo)
    except LaborAssistantError as exc:
        _fail(exc)


@corpus_app.command("sources")
def corpus_sources() -> None:
    """列出来源清单：每部法规的标题、版本日期、固定下载地址与校验和。"""
    from assistant.config import get_settings
    from ingest.download import read_sources

    for s in read_sources(get_settings().project_corpus_dir / "sources.csv"):
        typer.echo(f"{s.title}（{s.version_date}）\n  {s.download_url}\n  sha256 {s.sha256}")


# Commands defined in this file; running one of them needs none of the mounted modules, so none is imported
# (``labor search`` must start fast). Every other invocation mounts them all.
_OWN_COMMANDS = {"search", "show", "ingest", "stats", "interactive", "corpus", "ask"}


def _mount_commands(argv: list[str] = sys.argv) -> None:
    """Commands that live with their modules. A broken module fails here, loudly, instead of its command silently
    turning into "No such command"."""
    if len(argv) > 1 and argv[1] in _OWN_COMMANDS:
        return
    from assistant.api.server import serve_command
    from assistant.calculators.cli import app as calc_app
    from assistant.cases.cli import app as cases_app
    from assistant.drafting.cli import app as draft_app
    from evals.cli import bench_app, eval_command

    app.add_typer(calc_app, name="calc", help="计算补偿、赔偿、加班费、年休假、工伤待遇和时效期限，附法律依据和算式。")
    app.add_typer(draft_app, name="draft", help="根据案情起草仲裁申请书、投诉书、通知书、工会函件等，导出 .docx。")
    app.add_typer(cases_app, name="cases", help="案件台账：列出、查看、导出案件，核验留痕链（labor cases verify）。")
    app.command("eval", help="评测检索、回答、计算器和文书起草质量。")(eval_command)
    app.add_typer(bench_app, name="bench")
    app.command("serve", help="启动网页和 HTTP 接口（/ui 为网页，/v1 为接口，/docs 为接口文档）。")(serve_command)


_mount_commands()


def main() -> None:
    """Run ``labor``; a usage error (unknown command or option, missing or wrong value) is told in Chinese with the
    command's usage and help hint, exit status 2, never a traceback."""
    # Typer 0.29 carries its own copy of click; its exceptions live there (typer re-exports only BadParameter).
    from typer._click import exceptions as usage

    try:
        result = app(standalone_mode=False)
    except usage.NoArgsIsHelpError as exc:
        exc.show()  # the help text itself
        sys.exit(exc.exit_code)
    except usage.UsageError as exc:
        typer.echo(usage_in_chinese(exc), err=True)
        sys.exit(exc.exit_code)
    except usage.ClickException as exc:  # a file option that cannot be opened, …
        typer.echo(f"错误：{exc.format_message()}", err=True)
        sys.exit(exc.exit_code)
    except typer.Abort:
        typer.echo("已取消。", err=True)
        sys.exit(1)
    sys.exit(result if isinstance(result, int) else 0)


def usage_in_chinese(exc) -> str:
    """The usage line, what is wrong, and where the help is, in Chinese (typer words them in English)."""
    from typer._click import exceptions as usage

    ctx = exc.ctx
    lines = []
    if ctx is not None:
        lines.append(ctx.get_usage())  # in Chinese: the help formatter words it (assistant.cli_help)
    if isinstance(exc, usage.NoSuchOption):
        what = f"没有这个选项：{exc.option_name}"
        if exc.possibilities:
            what += "（是不是想用：" + "、".join(sorted(exc.possibilities)) + "）"
    elif isinstance(exc, usage.MissingParameter):
        kind = "参数" if getattr(exc.param, "param_type_name", "") == "argument" else "选项"
        what = f"缺少{kind} {_param_name(exc.param)}"
    elif isinstance(exc, usage.BadParameter):
        what = f"{_param_name(exc.param)} 的值不对：{_expected(exc)}"
    elif isinstance(exc, usage.BadOptionUsage):
        what = f"选项 {exc.option_name} 需要一个值"
    elif match := re.match(r"No such command '([^']*)'\.(?: Did you mean (.*)\?)?", exc.message):
        what = f"没有这个命令：{match.group(1)}"
        if match.group(2):
            what += "（是不是想用：" + "、".join(re.findall(r"'([^']*)'", match.group(2))) + "）"
    elif match := re.match(r"Got unexpected extra arguments? ?(?:\(s\))? \((.*)\)$", exc.message):
        what = f"多余的参数：{match.group(1)}"
    else:
        what = f"用法有误：{exc.format_message()}"
    lines.append(f"错误：{what}")
    command = ctx.command_path if ctx is not None else " ".join(["labor", *sys.argv[1:2]])
    lines.append(f"查看帮助：{command} --help")
    return "\n".join(lines)


def _param_name(param) -> str:
    if param is None:
        return "参数"
    longs = [o for o in getattr(param, "opts", []) if o.startswith("--")]
    return longs[0] if longs and param.param_type_name == "option" else param.name or "参数"


# pydantic's reason for a rejected value (typer checks values with pydantic) → what the value should be
_REASONS = {"int_parsing": "应为整数", "int_from_float": "应为整数", "float_parsing": "应为数字",
            "bool_parsing": "应为 true 或 false", "date_from_datetime_parsing": "应为日期，如 2024-03-01",
            "date_parsing": "应为日期，如 2024-03-01"}


def _expected(exc) -> str:
    cause = exc.__cause__
    errors = cause.errors() if hasattr(cause, "errors") else []
    if not errors:
        own = exc.message  # a check of our own may already say it in Chinese
        return own if any("\u4e00" <= ch <= "\u9fff" for ch in own) else "无法识别"
    kind, ctx = errors[0].get("type", ""), errors[0].get("ctx") or {}
    if kind in ("less_than_equal", "less_than"):
        return f"不能大于 {ctx.get('le', ctx.get('lt'))}"
    if kind in ("greater_than_equal", "greater_than"):
        return f"不能小于 {ctx.get('ge', ctx.get('gt'))}"
    if kind in ("enum", "literal_error"):
        return f"可选值为 {ctx.get('expected', '')}".replace(" or ", "、").replace("'", "")
    if choices := re.search(r"is not one of (.*?)\.?$", str(errors[0].get("msg", ""))):  # typer's own choices
        return "可选值为 " + "、".join(re.findall(r"'([^']*)'", choices.group(1)))
    return _REASONS.get(kind, "无法识别")


if __name__ == "__main__":
    main()
