"""Text in a document that speaks to a language model instead of to a reader (「忽略以上指令…」): such a file is not
a statute, whatever it looks like, and is never indexed as one."""

from __future__ import annotations

import re

# Stricter than the question check: statutes say 忽略, 要求 and 越狱 (刑法) in ordinary sentences, so only wording aimed at a
# model counts here.
_INSTRUCTION = re.compile(
    r"(忽略|无视|忘记|忘掉|抛开)(掉)?(你)?(以上|上面|上述|之前|前面|先前|此前|所有|全部)的?(所有|全部|一切)?的?"
    r"(指令|指示|提示|提示词|设定)"
    r"|(系统|初始|原始|隐藏|开发者)\s*(提示词|prompt)|system\s*prompt|developer\s*mode|开发者模式|jailbreak"
    r"|ignore\s+(all\s+|the\s+)?(previous|above|prior|earlier)\s+(instructions|prompts?|rules)"
    r"|(作为|你是)(一个)?(AI|人工智能|语言模型|大模型|助手)[，,]?(你)?(必须|应当|要|只能)"
    r"|从现在(开始|起)(你|您)(是|要|必须|只能)",
    re.IGNORECASE,
)


def instruction_in(text: str) -> str | None:
    """The first instruction-like phrase in ``text`` (for the rejection reason), or None."""
    m = _INSTRUCTION.search(text)
    return m.group(0) if m else None
