"""``labor cases …``: the case desk from the command line, acting as the local administrator (whoever can run this
command can read the database file anyway). Every read of a case is traced like any other."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from assistant.errors import LaborAssistantError

app = typer.Typer(help="案件台账：列出、查看、导出案件，核验留痕链。", no_args_is_help=True, rich_markup_mode=None)


def _desk(database_url: str | None = None):
    from assistant.cases import CaseDesk
    from assistant.config import get_settings

    settings = get_settings()
    if database_url:
        settings = settings.model_copy(update={"database_url": database_url})
    return CaseDesk.from_settings(settings)


DatabaseUrl = Annotated[Optional[str], typer.Option("--database-url", help="案件库地址（默认取 LABOR_DATABASE_URL，"
                                                                          "为空时用 数据目录/cases.sqlite3）")]


def _fail(exc: LaborAssistantError) -> None:
    typer.echo(exc.message, err=True)
    raise typer.Exit(2)


def _admin():
    from assistant.cases import Actor

    return Actor.admin("labor cases")


@app.command("verify")
def verify(code: Annotated[Optional[str], typer.Argument(help="案件编号；不填则核验全部案件")] = None,
           database_url: DatabaseUrl = None) -> None:
    """核验留痕链：每条记录的哈希和前一条的哈希是否对得上。有被改动的记录时以非零状态退出，并指出是哪一条。"""
    try:
        report = _desk(database_url).verify(code)
    except LaborAssistantError as exc:
        _fail(exc)
    if report.ok:
        typer.echo(f"留痕完好：{report.cases} 个案件，{report.events} 条记录。")
        return
    for p in report.problems:
        where = f"第 {p.seq} 条记录（{p.kind}）" if p.seq is not None else "案件记录"
        typer.echo(f"案件 {p.code} {where}：{p.reason}", err=True)
    typer.echo(f"留痕核验未通过：{len(report.problems)} 处问题。", err=True)
    raise typer.Exit(1)


@app.command("list")
def list_cases(status: Annotated[Optional[str], typer.Option(help="只列这一状态：已受理、处理中、已移交、已办结、不予受理")] = None,
               due_within: Annotated[Optional[int], typer.Option("--due-within", help="只列期限在这么多天内到期的")] = None,
               as_json: Annotated[bool, typer.Option("--json", help="输出 JSON")] = False,
               database_url: DatabaseUrl = None) -> None:
    """列出案件（不含个人信息）。"""
    from pydantic import ValidationError

    from assistant.cases import CaseFilter

    try:
        filters = CaseFilter(status=status, deadline_within_days=due_within)
    except ValidationError:
        typer.echo("状态只能是：已受理、处理中、已移交、已办结、不予受理", err=True)
        raise typer.Exit(2)
    try:
        rows = _desk(database_url).list_cases(_admin(), filters)
    except LaborAssistantError as exc:
        _fail(exc)
    if as_json:
        typer.echo(json.dumps([r.model_dump(mode="json") for r in rows], ensure_ascii=False, indent=2))
        return
    if not rows:
        typer.echo("没有案件。")
    for r in rows:
        due = f"  期限 {r.next_deadline}（{r.next_deadline_name}）" if r.next_deadline else ""
        typer.echo(f"{r.code}  {r.status}  {r.case_type}  {r.organisation}  承办：{r.assignee or '未分派'}{due}")


@app.command("show")
def show(code: Annotated[str, typer.Argument(help="案件编号")], database_url: DatabaseUrl = None) -> None:
    """显示一个案件的全部内容（JSON；本次查阅记入留痕）。"""
    try:
        case = _desk(database_url).get_case(code, _admin())
    except LaborAssistantError as exc:
        _fail(exc)
    typer.echo(json.dumps(case.model_dump(mode="json"), ensure_ascii=False, indent=2))


@app.command("export")
def export(code: Annotated[str, typer.Argument(help="案件编号")],
           out: Annotated[Path, typer.Option("--out", help="保存为 .zip 文件")],
           database_url: DatabaseUrl = None) -> None:
    """导出案卷（.zip）：文书 .docx、证据清单、案件 JSON、时间线。"""
    try:
        data = _desk(database_url).export_bundle(code, _admin())
    except LaborAssistantError as exc:
        _fail(exc)
    out.write_bytes(data)
    typer.echo(f"已导出 {out}（{len(data)} 字节）")


@app.command("migrate")
def migrate_command(database_url: DatabaseUrl = None) -> None:
    """建立或升级案件库的表结构（服务启动时也会自动执行）。"""
    try:
        desk = _desk(database_url)
    except LaborAssistantError as exc:
        _fail(exc)
    typer.echo(f"案件库已是最新结构：{desk.db.engine.url.render_as_string(hide_password=True)}")
