"""案件台账 (staff key) and 查询进度 (the worker's case code and secret): the case desk on the web page.

The desk acts through the same :class:`assistant.cases.CaseDesk` as ``/v1/cases``, as the same actor an API call
with that key would be (``assistant.access.actor_for``): staff see their organisation's cases, a reviewer
may review, an admin sees every organisation. A refusal or bad input is shown as the desk's Chinese sentence.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.access import AccessError, KeyRejected, RoleRefused, actor_for, any_key_reaches
from assistant.cases import Actor, CaseError, CaseFilter, CaseInputError
from assistant.cases.models import REFERRAL_TARGETS, STATUSES
from assistant.ui import render
from assistant.ui.access import Door
from assistant.ui.desk_render import LIST_HEADERS, case_markdown, case_rows, progress_markdown, review_stats_markdown
from assistant.ui.widgets import STAFF_ONLY

NOT_LOGGED_IN = "注意：请先输入工作人员密钥。"
NOT_A_DESK_KEY = "注意：密钥不对，或不是工作人员密钥。"
DOC_TYPES = [("劳动人事争议仲裁申请书", "arbitration_application"), ("劳动保障监察投诉书", "inspection_complaint"),
             ("解除劳动合同通知书", "resignation_notice"), ("工会提示函", "union_reminder_letter"),
             ("工会意见书", "union_opinion_letter"), ("工会建议书", "union_suggestion_letter"),
             ("线索移送函", "procuratorate_referral"), ("法律援助申请书", "legal_aid_application")]


def desk_actor(door: Door, request: Any, key: str) -> Actor:
    """The desk's actor for a key typed into the page, through the door's staff check (raises its
    :class:`AccessError`): as on the API's staff routes, a wrong key spends the address's wrong-key budget and the
    call counts against the key's per-minute limit."""
    caller = door.admit(request, (key or "").strip(), needed="staff")
    return actor_for(caller, caller.org or door.services.settings.case_organisation)


def attempt(work: Callable[[], str]) -> str:
    """The desk's refusals and input errors as the sentence the page shows."""
    try:
        return work()
    except CaseError as exc:
        return f"注意：{exc.message}"


def list_cases(desk: Any, actor: Any, status: str, assignee: str, due_only: bool) -> list[list[Any]]:
    filters = CaseFilter(status=status or None, assignee=(assignee or "").strip() or None,
                         deadline_within_days=desk.deadline_days if due_only else None)
    return case_rows(desk.list_cases(actor, filters))


def progress(services: Any, code: str, secret: str, door: Door | None = None, request: Any = None,
             key: str = "") -> str:
    """The worker's page: the same answer for an unknown code and a wrong secret. Through ``door`` the check passes
    the API's access and per-minute limit, so the page is no faster a way to guess a secret than the API."""
    refused = worker_door_refusal(code, secret, door, request, key)
    if refused:
        return refused
    return attempt(lambda: progress_markdown(services.cases.check_progress(code, secret)))


def worker_door_refusal(code: str, secret: str, door: Door | None, request: Any, key: str) -> str | None:
    """Why the worker's door stays shut before the case is looked up: a blank code or secret, or the access and
    per-minute check the API's worker routes pass (the page is no faster a way to guess a secret)."""
    if not (code or "").strip() or not (secret or "").strip():
        return "注意：请填写案件编号和查询码（立案时给出的）。"
    refused = door.refusal(request, key) if door is not None else None
    return f"注意：{refused}" if refused else None


def submit_evidence(services: Any, code: str, secret: str, path: str | None, door: Door | None = None,
                    request: Any = None, key: str = "") -> str:
    """The worker's own evidence file, with the case code and secret, through the same access and limit as the
    progress check; the same sentence for an unknown code and a wrong secret."""
    refused = worker_door_refusal(code, secret, door, request, key)
    if refused:
        return refused

    def work() -> str:
        name = add_evidence(services.cases, Actor.worker(code, secret), code, path)
        return f"已收到证据文件「{render.esc(name)}」，工作人员办理时会查看。"
    return attempt(work)


def add_evidence(desk: Any, actor: Actor, code: str, path: str | None) -> str:
    """A file chosen on the page added to the case as the API's upload is: its type read from its bytes, the
    upload limit (only one byte past it is read), the name shown as safe; refused with the desk's sentence."""
    if not path:
        raise CaseInputError("file", "请先选择要添加的证据文件（欠条照片、工资条 PDF、聊天截图等）。")
    chosen = Path(path)
    with chosen.open("rb") as handle:
        data = handle.read(desk.max_attachment_bytes + 1)
    return desk.add_attachment(code, chosen.name, data, None, actor).name


def _save(data: bytes, name: str) -> str:
    path = Path(tempfile.mkdtemp(prefix="labor-case-")) / name
    path.write_bytes(data)
    return str(path)


def build(services: Any, door: Door) -> None:
    """The staff desk. ``services`` is the API's Services (``services.cases`` is the desk)."""
    if not any_key_reaches(services.api_settings, "staff"):
        gr.Markdown("案件台账需要工作人员密钥：请在设置 LABOR_API_KEYS 中配置 staff、reviewer 或 admin 角色的密钥后重启。")
        return
    actor_state = gr.State(None)
    with gr.Row():
        key = gr.Textbox(label="台账密钥", type="password", scale=4, min_width=200, elem_id="desk-key",
                         placeholder="工作人员、复核员或管理员的密钥")
        login = gr.Button("进入台账", scale=1, min_width=100, elem_id="desk-login")
    note = gr.Markdown(elem_id="desk-note")
    with gr.Group(visible=False) as panel:
        stats = gr.Markdown(elem_id="desk-stats")
        with gr.Row():
            status = gr.Dropdown([("全部", ""), *[(s, s) for s in STATUSES]], value="", label="状态", min_width=120)
            assignee = gr.Textbox(label="承办人", min_width=120)
            due_only = gr.Checkbox(label="只看期限临近", value=False)
            refresh = gr.Button("刷新列表", min_width=100)
        table = gr.Dataframe(headers=LIST_HEADERS, wrap=True, interactive=False, elem_id="desk-table")
        with gr.Row():
            code = gr.Textbox(label="案件编号", min_width=160, elem_id="desk-code")
            open_btn = gr.Button("打开案件", min_width=100, elem_id="desk-open")
        case_md = gr.Markdown(elem_id="desk-case")
        result = gr.Markdown(elem_id="desk-result")
        with gr.Accordion("办理", open=True):
            with gr.Row():
                assign_to = gr.Textbox(label="指派给", min_width=140)
                assign_btn = gr.Button("指派", min_width=80)
                new_status = gr.Dropdown([(s, s) for s in STATUSES], label="改为状态", min_width=120)
                reason = gr.Textbox(label="理由（不予受理时必填）", min_width=160)
                status_btn = gr.Button("改变状态", min_width=100)
            with gr.Row():
                fact_path = gr.Textbox(label="更正案情：事实名", placeholder="pay.monthly_wage", min_width=160,
                                       elem_id="desk-fact-path")
                fact_value = gr.Textbox(label="新值", min_width=120, elem_id="desk-fact-value")
                fact_btn = gr.Button("更正", min_width=80, elem_id="desk-fact-save")
                note_text = gr.Textbox(label="备注", min_width=200)
                note_btn = gr.Button("添加备注", min_width=100)
            with gr.Row():
                doc_type = gr.Dropdown(DOC_TYPES, value="arbitration_application", label="文书", min_width=180,
                                       elem_id="desk-doc-type")
                draft_btn = gr.Button("按案情起草", min_width=100, elem_id="desk-draft")
                target = gr.Dropdown([(v, k) for k, v in REFERRAL_TARGETS.items()], value="arbitration",
                                     label="移交给", min_width=180, elem_id="desk-target")
                refer_btn = gr.Button("移交", min_width=80, elem_id="desk-refer")
            with gr.Row():
                review_id = gr.Number(label="复核请求编号", precision=0, min_width=120)
                review_text = gr.Textbox(label="更正后的回答（留空为确认原回答）", lines=3, min_width=240)
                review_btn = gr.Button("完成复核（复核员）", min_width=120)
            with gr.Row():
                evidence_file = gr.File(label="证据文件（PDF、图片、Word、文本）", file_count="single", type="filepath",
                                        min_width=240, elem_id="desk-evidence-file")
                evidence_btn = gr.Button("添加证据文件", min_width=120, elem_id="desk-evidence-add")
            with gr.Row():
                bundle_btn = gr.Button("导出材料包", min_width=100, elem_id="desk-bundle")
                download = gr.DownloadButton("下载", visible=False, elem_id="desk-download")

    def desk():
        return services.cases

    def enter(k: str, request: gr.Request):
        def refused(why: str):
            return None, why, gr.update(visible=False), "", []

        if not (k or "").strip():
            return refused(NOT_LOGGED_IN)
        try:
            actor = desk_actor(door, request, k)
        except (KeyRejected, RoleRefused):
            return refused(NOT_A_DESK_KEY)
        except AccessError as exc:  # the address guessed too many keys, or the key's limit is spent
            return refused(f"注意：{exc.message}")
        who = actor.organisation or "全部机构"
        return (actor, f"已进入：{who}（{actor.role}）", gr.update(visible=True),
                review_stats_markdown(desk().review_stats(actor)), list_cases(desk(), actor, "", "", False))

    login.click(enter, key, [actor_state, note, panel, stats, table], **STAFF_ONLY)

    def show(actor, c) -> str:
        return case_markdown(desk().get_case(c, actor))

    refresh.click(lambda a, s, who, due: [] if a is None else list_cases(desk(), a, s, who, due),
                  [actor_state, status, assignee, due_only], table, **STAFF_ONLY)
    open_btn.click(lambda a, c: NOT_LOGGED_IN if a is None else attempt(lambda: show(a, c)), [actor_state, code],
                   case_md, **STAFF_ONLY)

    def then_show(step: Callable[..., Any], done: str) -> Callable[..., tuple[str, str]]:
        """Run a step on the case, then show the case as it now is (or the refusal, and the case unchanged)."""
        def run(actor, c, *args):
            if actor is None:
                return NOT_LOGGED_IN, ""

            def work() -> str:
                step(actor, c, *args)
                return done
            return attempt(work), attempt(lambda: show(actor, c))
        return run

    outs = [result, case_md]
    assign_btn.click(then_show(lambda a, c, who: desk().assign(c, a, who), "已指派。"),
                     [actor_state, code, assign_to], outs, **STAFF_ONLY)
    status_btn.click(then_show(lambda a, c, s, why: desk().change_status(c, a, s, why), "状态已改变。"),
                     [actor_state, code, new_status, reason], outs, **STAFF_ONLY)
    fact_btn.click(then_show(lambda a, c, p, v: desk().edit_facts(c, a, {(p or "").strip(): v}), "案情已更正（已留痕）。"),
                   [actor_state, code, fact_path, fact_value], outs, **STAFF_ONLY)
    note_btn.click(then_show(lambda a, c, t: desk().add_note(c, a, t), "备注已添加。"),
                   [actor_state, code, note_text], outs, **STAFF_ONLY)
    draft_btn.click(then_show(lambda a, c, t: desk().draft_document(c, a, t), "文书已起草并存为新版本。"),
                    [actor_state, code, doc_type], outs, **STAFF_ONLY)
    refer_btn.click(then_show(lambda a, c, t: desk().refer(c, a, t), "已准备移交。"),
                    [actor_state, code, target], outs, **STAFF_ONLY)
    evidence_btn.click(then_show(lambda a, c, path: add_evidence(desk(), a, c, path), "证据文件已添加（已留痕）。"),
                       [actor_state, code, evidence_file], outs, **STAFF_ONLY)
    review_btn.click(then_show(lambda a, c, rid, text: desk().review_answer(c, a, int(rid or 0), text or None),
                               "复核已完成，劳动者查询时会看到复核后的回答。"),
                     [actor_state, code, review_id, review_text], outs, **STAFF_ONLY)

    def export(actor, c):
        if actor is None:
            return NOT_LOGGED_IN, gr.update(visible=False)
        try:
            data = desk().export_bundle(c, actor)
        except CaseError as exc:
            return f"注意：{exc.message}", gr.update(visible=False)
        name = f"案件材料-{(c or '').strip().upper()}.zip"
        return "材料包已生成。", gr.update(value=_save(data, name), visible=True)

    bundle_btn.click(export, [actor_state, code], [result, download], **STAFF_ONLY)


def build_progress(services: Any, door: Door) -> None:
    """查询进度: the worker's case code and secret (given when the case was opened) → where the case stands."""
    gr.Markdown("用立案时给您的**案件编号**和**查询码**查看办理进度和工作人员复核后的回答。")
    with gr.Row():
        code = gr.Textbox(label="案件编号", placeholder="如 7K2M-9QXP", min_width=160, elem_id="progress-code")
        secret = gr.Textbox(label="查询码", type="password", min_width=160, elem_id="progress-secret")
        check = gr.Button("查询", variant="primary", min_width=100, elem_id="progress-check")
    out = gr.Markdown(elem_id="progress-out")
    with gr.Accordion("提交证据文件（欠条照片、工资条、聊天截图）", open=False):
        evidence_file = gr.File(label="证据文件（PDF、图片、Word、文本）", file_count="single", type="filepath",
                                elem_id="progress-evidence-file")
        submit = gr.Button("提交", min_width=100, elem_id="progress-evidence-add")
        submitted = gr.Markdown(elem_id="progress-evidence-out")

    def run(c: str, s: str, key: str, request: gr.Request) -> str:
        return progress(services, c, s, door, request, key)

    def send(c: str, s: str, path: str | None, key: str, request: gr.Request) -> str:
        return submit_evidence(services, c, s, path, door, request, key)

    check.click(run, [code, secret, door.key_input()], out, api_visibility="private")
    submit.click(send, [code, secret, evidence_file, door.key_input()], submitted, api_visibility="private")


def build_tab(services: Any, door: Door | None = None) -> None:
    """The 案件 tab: the worker's progress check first (most visitors are workers), then the staff desk."""
    door = door or Door(services)
    with gr.Tabs(elem_id="case-tabs"):
        with gr.Tab("查询进度", id="progress"):
            build_progress(services, door)
        with gr.Tab("案件台账", id="desk"):
            build(services, door)
