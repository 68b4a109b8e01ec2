"""``labor ask "…" [--json]``: ask a question from the command line (mounted by ``assistant.cli``).

Imports stay light: the assistant, the model client and the index load inside the command.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence

import typer

app = typer.Typer(help="提问：依据法条回答劳动权益问题（未配置大语言模型时由规则与法条检索生成）。")


def ask_command(question: str, json_output: bool = False, *, assistant=None, before: Sequence[str] = (),
                facts: Sequence[str] = ()) -> int:
    """Answer ``question`` on stdout (streamed markdown, or one JSON object); returns the exit code.

    ``before``: what the worker said earlier, oldest first; ``facts``: corrections as ``path=value``.
    """
    from assistant.answering.errors import InvalidQuestionError
    from assistant.answering.service import AnswerService
    from assistant.errors import LaborAssistantError
    from assistant.facts import FactsInputError

    try:
        corrections = dict(_fact_pair(item) for item in facts)
        if assistant is None:
            from assistant import Assistant

            assistant = Assistant.from_settings()
        service = AnswerService(assistant)
        history = [{"role": "user", "content": text} for text in before]
        events = service.ask_stream(question, history, corrections or None)
        final = None
        streamed = False
        for event in events:
            if event.type == "token" and not json_output:
                sys.stdout.write(event.text)
                sys.stdout.flush()
                streamed = True
            elif event.type == "final":
                final = event
    except InvalidQuestionError as exc:
        _error(exc.message, json_output, exc.code)
        return 2
    except FactsInputError as exc:
        _error(exc.message, json_output, "invalid_facts")
        return 2
    except LaborAssistantError as exc:
        _error(exc.message, json_output, exc.code)
        return 1
    answer = final.answer
    if json_output:
        sys.stdout.write(json.dumps(answer.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n")
        return 0
    if final.replaces_stream and streamed:
        sys.stdout.write("\n\n———— 以上回答中断，以下为完整回答 ————\n\n" + answer.answer)
    sys.stdout.write("\n")
    if answer.facts is not None and (card := card_text(answer.facts)):
        sys.stdout.write("\n我理解的情况（不对的可以用 --fact 更正）：\n" + card + "\n")
    unverified = [c for c in answer.citations if not c.verified]
    if unverified:
        sys.stdout.write("\n未核实的引用：" + "、".join(c.label or c.id for c in unverified) + "\n")
    for warning in answer.warnings:
        sys.stdout.write(f"提示：{warning}\n")
    if answer.clarifying_question and answer.clarifying_question not in answer.answer:
        sys.stdout.write(f"\n{answer.clarifying_question}\n")
    sys.stdout.write(f"\n{answer.disclaimer}\n")
    return 0


def card_text(facts) -> str:
    from assistant.facts.questions import card_text as text

    return text(facts)


def _fact_pair(item: str) -> tuple[str, str]:
    """"pay.monthly_wage=6000" → ("pay.monthly_wage", "6000")."""
    from assistant.facts import FactsInputError

    path, sep, value = item.partition("=")
    if not sep or not path.strip():
        raise FactsInputError("facts", f"更正的写法应为 事实名=值，如 pay.monthly_wage=6000（收到：{item}）")
    return path.strip(), value.strip()


def _error(message: str, json_output: bool, code: str) -> None:
    if json_output:
        sys.stdout.write(json.dumps({"error": code, "message": message}, ensure_ascii=False) + "\n")
    else:
        sys.stderr.write(message + "\n")


@app.command("ask")
def ask(question: str = typer.Argument(..., help="你的问题，例如：老板三个月没发工资，我想辞职，能要补偿吗？"),
        json_output: bool = typer.Option(False, "--json", help="以 JSON 输出完整回答对象")) -> None:
    """依据法条回答一个劳动权益问题。"""
    raise typer.Exit(code=ask_command(question, json_output))
