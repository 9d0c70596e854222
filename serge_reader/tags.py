"""Tags: those typed in the tag field and the `#tags` written in a note's text.

A note's tags, as stored in `note_tags`, are both: the tag field's and its text's. A tag is
stored as it was first typed and compared case-folded: `#Police` and `police` are one tag,
held once by a note and listed once (in the spelling used most, else first).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

MAX_TAG_CHARS = 60

# Fenced code blocks and inline code: a `#` inside them is code, not a tag.
_FENCED = re.compile(r"^(`{3,}|~{3,})[^\n]*\n.*?(?:^\1[^\n]*$|\Z)", re.M | re.S)
_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1", re.S)
# `#` at the start of a word (after a space, a line's start or an opening mark), followed by
# letters, digits, `_`, `-` or `/`: a heading's `# ` (a space follows), `a#b`, `&#39;`,
# `page#anchor` and `[[Entry#part]]` are not tags.
_INLINE = re.compile(r"(?<![^\s(\[{«“\"'])#(\w[\w/-]*)")


def key(tag: str) -> str:
    """What two spellings of one tag have in common."""
    return tag.casefold()


def inline_tags(text: str) -> list[str]:
    """The `#tags` written in a note's text, each once, in order (not numbers such as `#42`,
    nor any in code)."""
    text = _CODE.sub(" ", _FENCED.sub(" ", text))
    found: list[str] = []
    seen: set[str] = set()
    for m in _INLINE.finditer(text):
        tag = m.group(1).rstrip("/-")
        if not tag or tag.isdigit() or len(tag) > MAX_TAG_CHARS or key(tag) in seen:
            continue
        seen.add(key(tag))
        found.append(tag)
    return found


def without(tags: Iterable[str], others: Iterable[str]) -> list[str]:
    """`tags` less those that are one of `others`, whatever the case."""
    gone = {key(t) for t in others}
    return [t for t in tags if key(t) not in gone]
