"""Markdown to HTML, the one way it is done everywhere (notes, entries, CLI `show --html`).

Safety: raw HTML is escaped (Python-Markdown's HTML handlers are removed), and a final
tree pass keeps only an allow-list of attributes and URL schemes, so no script, event
handler, `javascript:` or `file:` URL, or remote image reaches the context panel.
`[[links]]` become `serge:` URLs that the app routes itself; unresolved ones are marked.
"""

from __future__ import annotations

import html
import re
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable

import markdown
from markdown.extensions.fenced_code import FencedCodeExtension
from markdown.extensions.sane_lists import SaneListExtension
from markdown.extensions.tables import TableExtension
from markdown.inlinepatterns import InlineProcessor, LinkInlineProcessor
from markdown.treeprocessors import Treeprocessor

from serge_reader.wikilinks import SCHEME, WIKILINK, entry_url

SAFE_SCHEMES = ("http:", "https:", "mailto:", f"{SCHEME}:")
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "class"},
    "span": {"class"},
    "td": {"align"},
    "th": {"align"},
}

# A resolver turns a link target (slug, title or alias) into (slug, kind, title), or None.
Resolver = Callable[[str], "tuple[str, str, str] | None"]


class _WikiLinkProcessor(InlineProcessor):
    def __init__(self, resolve: Resolver) -> None:
        super().__init__(WIKILINK.pattern)
        self.resolve = resolve

    # InlineProcessor's signature, which its stubs declare differently from Pattern's.
    def handleMatch(self, m: re.Match[str], data: str) -> tuple[ET.Element, int, int]:  # type: ignore[override]
        target = m.group(1).strip()
        label = (m.group(2) or m.group(1)).strip()
        found = self.resolve(target)
        if found:
            el = ET.Element("a", {"href": entry_url(found[0]), "class": f"wikilink {found[1]}"})
            if not m.group(2) and target == found[0]:
                label = found[2]  # a bare slug reads as the entry's title
        else:
            el = ET.Element("span", {"class": "unresolved", "title": f"No entry named “{target}”"})
        el.text = label
        return el, m.start(0), m.end(0)


class _Sanitizer(Treeprocessor):
    def run(self, root: ET.Element) -> None:
        for parent in root.iter():
            for i, el in enumerate(list(parent)):
                if el.tag == "img":  # no images at all: a remote one would leak the reading
                    span = ET.Element("span", {"class": "image"})
                    span.text = f"[image: {el.get('alt') or el.get('src') or ''}]"
                    span.tail = el.tail
                    parent.remove(el)
                    parent.insert(i, span)
                    continue
                allowed = ALLOWED_ATTRIBUTES.get(el.tag, set())
                for name in list(el.attrib):
                    if name not in allowed and not (el.tag == "span" and name == "title"):
                        del el.attrib[name]
                href = el.get("href")
                if href is not None and not href.strip().lower().startswith(SAFE_SCHEMES):
                    del el.attrib["href"]
                    el.set("class", "blocked-link")


# Size and time safety (issue 19): whatever a note holds, showing it takes a bounded time.
MAX_RENDER_CHARS = 100_000  # longer notes are shown as plain text (the editor has them whole)
RENDER_BUDGET_S = 0.25  # Python-Markdown's share of the half second a note may take to show
LONG_RUN = 200  # Qt lays out a run of this many characters without a space in quadratic
BREAK_EVERY = 100  # time, so such runs get an invisible break opportunity this often
_LONG_RUN = re.compile(rf"\S{{{LONG_RUN},}}")
_BRACKET = re.compile(r"[\[\]]")


class _TooSlow(Exception):
    """Rendering went past its budget."""


def _breakable(text: str) -> str:
    """Zero-width spaces inside very long runs without a space, where Qt may wrap."""
    return _LONG_RUN.sub(
        lambda m: "\u200b".join(
            m.group(0)[i : i + BREAK_EVERY] for i in range(0, len(m.group(0)), BREAK_EVERY)
        ),
        text,
    )


class _LongWords(Treeprocessor):
    def run(self, root: ET.Element) -> None:
        for el in root.iter():
            if el.tag in ("pre", "code"):
                continue  # not wrapped at all, and copied as it is
            if el.text and len(el.text) >= LONG_RUN:
                el.text = type(el.text)(_breakable(el.text))  # keeps an AtomicString atomic
            if el.tail and len(el.tail) >= LONG_RUN:
                el.tail = type(el.tail)(_breakable(el.tail))


_pairs: list[tuple[str, dict[int, int]]] = []  # the last text whose brackets were paired


def _closing_brackets(data: str) -> dict[int, int]:
    """For each `[` in `data`, where its matching `]` is: one pass, shared by every link
    pattern looking at the same text (each scanning on its own was quadratic in runs of `[`)."""
    if _pairs and _pairs[0][0] is data:
        return _pairs[0][1]
    close: dict[int, int] = {}
    opened: list[int] = []
    for m in _BRACKET.finditer(data):
        if m.group(0) == "[":
            opened.append(m.start())
        elif opened:
            close[opened.pop()] = m.start()
    _pairs[:] = [(data, close)]
    return close


_plain_get_text = LinkInlineProcessor(r"\[").getText


def _get_text(data: str, index: int) -> tuple[str, int, bool]:
    """Python-Markdown's `LinkInlineProcessor.getText` (the text of `[text]` from just after
    its `[`), by the shared pairing instead of a scan to the end of the paragraph."""
    if index > 0 and data[index - 1] == "[":
        end = _closing_brackets(data).get(index - 1)
        if end is None:
            return "", len(data), False
        return data[index:end], end + 1, True
    return _plain_get_text(data, index)


def _within(deadline: float, call: Callable[..., object]) -> Callable[..., object]:
    def checked(*args: object, **kwargs: object) -> object:
        if time.perf_counter() > deadline:
            raise _TooSlow
        return call(*args, **kwargs)

    return checked


def _markdown(resolve: Resolver, deadline: float | None = None) -> markdown.Markdown:
    # Extensions given as objects, not names: a name makes Python-Markdown look it up among
    # every installed package's entry points, 0.1 s of the first page shown.
    md = markdown.Markdown(
        extensions=[TableExtension(), FencedCodeExtension(), SaneListExtension()],
        output_format="html",
    )
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    md.inlinePatterns.register(_WikiLinkProcessor(resolve), "wikilink", 175)
    md.treeprocessors.register(_LongWords(md), "long_words", 1)
    md.treeprocessors.register(_Sanitizer(md), "sanitize", 0)
    for pattern in md.inlinePatterns:
        if isinstance(pattern, LinkInlineProcessor):
            pattern.getText = _get_text  # type: ignore[method-assign]
        if deadline is not None:  # each match is checked against the time left
            pattern.handleMatch = _within(deadline, pattern.handleMatch)  # type: ignore[method-assign,assignment]
    if deadline is not None:
        for block in md.parser.blockprocessors:
            block.run = _within(deadline, block.run)  # type: ignore[method-assign,assignment]
    return md


def plain_text_html(text: str, why: str) -> str:
    """A note shown as plain text, with a notice saying why: for notes too long, too deeply
    nested or too slow to render."""
    shown = text[:MAX_RENDER_CHARS]
    if len(shown) < len(text):
        why += f" Its first {len(shown):,} of {len(text):,} characters are shown; the editor has it whole."
    body = html.escape(_breakable(shown)).replace("\n", "<br>")
    return f"<p class='render-notice'><i>{html.escape(why)}</i></p><p class='plain-text'>{body}</p>"


def markdown_to_html(text: str, resolve: Resolver, *, bounded: bool = True) -> str:
    """Safe HTML for a piece of markdown written by the reader or by us: in bounded time,
    whatever the text (`RENDER_BUDGET_S`; beyond it, or beyond `MAX_RENDER_CHARS`, or nested
    too deeply, the text is shown as plain text with a notice). Our own entries are rendered
    `bounded=False`: once, at build time, where a busy machine must not change the result."""
    if len(text) > MAX_RENDER_CHARS:
        return plain_text_html(
            text, "This note is too long to show formatted; it is shown as plain text."
        )
    try:
        md = _markdown(resolve, time.perf_counter() + RENDER_BUDGET_S if bounded else None)
        return str(md.convert(text))
    except _TooSlow:
        return plain_text_html(
            text, "This note takes too long to format; it is shown as plain text."
        )
    except RecursionError:
        return plain_text_html(
            text, "This note is nested too deeply to format; it is shown as plain text."
        )


def entry_html_parts(text: str, resolve: Resolver) -> list[tuple[str, str | None, int | None, str]]:
    """An entry's text cut at its spoiler blocks: (markdown, work, chapter, HTML) for each
    piece in order, `work` None for open text. Without blocks, one piece: the whole text."""
    from serge_reader import spoilers

    if not spoilers.has_spoilers(text):
        return [(text, None, None, markdown_to_html(text, resolve, bounded=False))]
    return [
        (s.text, s.work, s.chapter, markdown_to_html(s.text, resolve, bounded=False))
        for s in spoilers.segments(text)
    ]


def entry_html(text: str, resolve: Resolver) -> str:
    """An entry's whole text as HTML, every spoiler block shown (as stored at build time)."""
    return "".join(html for *_, html in entry_html_parts(text, resolve))
