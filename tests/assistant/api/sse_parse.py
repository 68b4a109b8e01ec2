"""Read a text/event-stream body the way a browser's EventSource would."""

from __future__ import annotations

import json


def parse_sse(body: str) -> list[tuple[str, object]]:
    events = []
    for block in body.split("\n\n"):
        if not block.strip():
            continue
        name, data = "message", []
        for line in block.splitlines():
            if line.startswith("event:"):
                name = line[6:].strip()
            elif line.startswith("data:"):
                data.append(line[5:].lstrip(" "))
        text = "\n".join(data)
        events.append((name, text if text == "[DONE]" else json.loads(text)))
    return events
