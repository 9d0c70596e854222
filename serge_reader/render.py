"""Markdown to HTML, the one way it is done everywhere (notes, entries, CLI `show --html`).

Safety: raw HTML is escaped (Python-Markdown's HTML handlers are removed), and a final
tree pass keeps only an allow-list of attributes and URL schemes, so no script, event
handler, `javascript:` or `file:` URL, or remote image reaches the context panel.
`[[links]]` become `serge:` URLs that the app routes itself; unresolved ones are marked.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable

import markdown
from markdown.extensions.fenced_code import FencedCodeExtension
from markdown.extensions.sane_lists import SaneListExtension
from markdown.extensions.tables import TableExtension
from markdown.inlinepatterns import InlineProcessor
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


def _markdown(resolve: Resolver) -> markdown.Markdown:
    # Extensions given as objects, not names: a name makes Python-Markdown look it up among
    # every installed package's entry points, 0.1 s of the first page shown.
    md = markdown.Markdown(
        extensions=[TableExtension(), FencedCodeExtension(), SaneListExtension()],
        output_format="html",
    )
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    md.inlinePatterns.register(_WikiLinkProcessor(resolve), "wikilink", 175)
    md.treeprocessors.register(_Sanitizer(md), "sanitize", 0)
    return md


def markdown_to_html(text: str, resolve: Resolver) -> str:
    """Safe HTML for a piece of markdown written by the reader or by us."""
    return str(_markdown(resolve).convert(text))
