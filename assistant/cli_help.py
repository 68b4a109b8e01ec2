"""Help pages of ``labor`` in Chinese.

Typer's bundled click writes the frame of every help page in English (Usage, Options, "Show this message and
exit.", [required], <int>) and offers no translation hook: its strings are not run through gettext. So the
formatter it builds every help page with is swapped for one that words the frame in Chinese and lays the two
columns out in screen columns (a Chinese character takes two). Only the frame changes: help texts are the
commands' own.
"""

from __future__ import annotations

import re
import unicodedata

_HEADINGS = {"Usage": "用法", "Options": "选项", "Commands": "命令", "Arguments": "参数"}
_EXTRAS = {"required": "必填", "default": "默认", "env var": "环境变量"}
_TYPE_WORDS = [("int range", "整数"), ("float range", "数字"), ("str", "文字"), ("int", "整数"), ("float", "数字"),
               ("Path", "路径"), ("path", "路径"), ("file", "文件"), ("filename", "文件"), ("datetime", "日期时间"),
               ("date", "日期"), ("bool", "是/否")]


def _metavars(text: str) -> str:
    """``<int range>`` → ``<整数>``, ``<list[str]>`` → ``<文字，可多次>`` (the types typer names a value by)."""
    def one(match: re.Match) -> str:
        inner = match.group(1)
        many = re.fullmatch(r"list\[(.*)\]", inner)
        inner = many.group(1) if many else inner
        for word, chinese in _TYPE_WORDS:
            inner = re.sub(rf"(?<![\w|]){re.escape(word)}(?![\w|])", chinese, inner)
        return f"<{inner}，可多次>" if many else f"<{inner}>"

    return re.sub(r"<([^<>]*)>", one, text)


def _help_extras(text: str) -> str:
    """The help column: click's help-option line, and the trailing ``[default: 10; required]`` worded in Chinese."""
    text = text.replace("Show this message and exit.", "显示本帮助并退出。")

    def extras(match: re.Match) -> str:
        parts = []
        for part in match.group(1).split("; "):
            name, sep, value = part.partition(": ")
            name = _EXTRAS.get(name, name)
            parts.append(f"{name}：{value.replace('(dynamic)', '（运行时决定）')}" if sep else name)
        return "[" + "；".join(parts) + "]"

    return re.sub(r"\[((?:required|default: |env var: )[^\[\]]*)\]\s*$", extras, text)


def _columns(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _wrap_columns(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` screen columns: broken between Chinese characters or at spaces, never inside
    a Latin word (an id such as judicial_interpretation stays whole)."""
    lines, line = [], ""
    for piece in re.findall(r"[!-~]+|\s+|.", " ".join(text.split())):
        if piece.isspace():
            piece = " "
        if line and _columns(line + piece) > width:
            lines.append(line.rstrip())
            line = "" if piece == " " else piece
        else:
            line += piece
    return [*lines, line.rstrip()] if line.strip() or not lines else lines


def install_chinese_help() -> None:
    """Every help page and usage line of this process's Typer commands, the mounted modules' too."""
    from typer._click.core import Context
    from typer._click.formatting import HelpFormatter

    class ChineseHelpFormatter(HelpFormatter):
        def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
            args = args.replace("[OPTIONS]", "[选项]").replace("COMMAND [ARGS]...", "命令 [参数]...")
            super().write_usage(prog, _metavars(args), "用法：" if prefix is None else prefix)

        def write_heading(self, heading: str) -> None:
            self.write(f"{'':>{self.current_indent}}{_HEADINGS.get(heading, heading)}：\n")

        def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
            """Terms and their help in two columns measured in screen columns (click counts characters, and a
            Chinese character takes two)."""
            rows = [(_metavars(term), _help_extras(text)) for term, text in rows]
            first = min(max((_columns(term) for term, _ in rows), default=0), col_max)
            indent = " " * self.current_indent
            gap = " " * (self.current_indent + first + col_spacing)
            for term, text in rows:
                self.write(indent + term)
                if not text:
                    self.write("\n")
                    continue
                if _columns(term) <= first:
                    self.write(" " * (first - _columns(term) + col_spacing))
                else:
                    self.write("\n" + gap)
                lines = _wrap_columns(text, max(self.width - len(gap), 20))
                self.write(("\n" + gap).join(lines) + "\n")

    Context.formatter_class = ChineseHelpFormatter
