"""`[[target]]` and `[[target|words shown]]` links, as written in notes and content, and the
`serge:` URLs they become in a rendered page."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

WIKILINK = re.compile(r"\[\[([^\[\]|\n]{1,200})(?:\|([^\[\]\n]{1,200}))?\]\]")
SCHEME = "serge"  # serge:okhrana, serge:note:12, serge:home: routed by the app itself


def entry_url(entry_id: str) -> str:
    return f"{SCHEME}:{entry_id}"


@dataclass(frozen=True)
class WikiLink:
    target: str
    label: str
    start: int
    end: int


def iter_links(text: str) -> Iterator[WikiLink]:
    for m in WIKILINK.finditer(text):
        target = m.group(1).strip()
        if target:
            yield WikiLink(target, (m.group(2) or m.group(1)).strip(), m.start(), m.end())


def open_link_prefix(text_before_cursor: str) -> str | None:
    """The partial target typed after an unclosed `[[`, for completion; None when outside one."""
    start = text_before_cursor.rfind("[[")
    if start < 0:
        return None
    typed = text_before_cursor[start + 2 :]
    if "]]" in typed or "\n" in typed or "|" in typed or "[" in typed:
        return None
    return typed
