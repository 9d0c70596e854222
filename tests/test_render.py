"""Rendering is safe whatever a note holds, and wiki-links resolve or show as unresolved."""

from html.parser import HTMLParser

import pytest

from serge_reader import entries, notes, pages
from serge_reader.render import entry_html, markdown_to_html

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src="http://evil.example/track.png" onerror="alert(1)">',
    "![tracker](http://evil.example/pixel.gif)",
    "[click](javascript:alert(1))",
    "[file](file:///etc/passwd)",
    '<a href="javascript:alert(1)" onclick="x()">a</a>',
    "<iframe src='http://x'></iframe>",
    "<style>body{display:none}</style>",
    '[x](http://ok.example "t" onclick="y")',
    "[x](JaVaScRiPt:alert(1))",
    "[x]( javascript:alert(1))",
    "<svg onload=alert(1)>",
]


class _Tags(HTMLParser):
    """The real elements and attributes of some HTML (escaped text does not count)."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {k: v or "" for k, v in attrs}))


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_markup_never_survives(lib, text):
    tags = _Tags(markdown_to_html(text, entries.resolver(lib))).tags
    assert {t for t, _ in tags} <= {"p", "a", "span", "code", "pre", "em", "strong"}
    for _, attrs in tags:
        assert not any(name.startswith("on") or name in ("src", "style") for name in attrs)
        href = attrs.get("href", "https:").strip().lower()
        assert href.startswith(("https:", "http:", "mailto:", "serge:")), href


def test_raw_html_is_shown_as_text(lib):
    out = markdown_to_html("I wrote <b>bold</b> here", entries.resolver(lib))
    assert "&lt;b&gt;bold&lt;/b&gt;" in out


def test_wikilinks_resolve_by_title_alias_and_slug_or_are_marked(lib):
    out = markdown_to_html(
        "[[Okhrana]], [[left-opposition|the Opposition]], [[Nowhere]]", entries.resolver(lib)
    )
    assert '<a class="wikilink term" href="serge:okhrana">Okhrana</a>' in out
    assert 'href="serge:left-opposition">the Opposition</a>' in out
    assert 'class="unresolved"' in out and "Nowhere" in out


def test_external_links_are_kept_for_a_click(lib):
    out = markdown_to_html(
        "[Serge archive](https://www.marxists.org/archive/serge/)", entries.resolver(lib)
    )
    assert 'href="https://www.marxists.org/archive/serge/"' in out


def test_entry_page_lists_backlinks_and_sources(lib):
    n = notes.add_note(lib, "A thought on the [[Okhrana]] <script>x</script>")
    page = pages.entry_page(lib, "okhrana")
    assert f"serge:note:{n}" in page
    assert "Sources:" in page
    assert "<script>" not in page
    note = pages.note_page(lib, n)
    assert "&lt;script&gt;" in note and "<script>" not in note


def test_home_shows_the_work_in_progress_with_its_context_and_notes_by_page(lib):
    from serge_reader import progress

    assert "Nothing in progress" in pages.home_page(lib)
    progress.set_progress(lib, "midnight-in-the-century", page=40)
    late = notes.add_note(
        lib, "late", work="midnight-in-the-century", position=notes.Position(page=90)
    )
    early = notes.add_note(
        lib, "early", work="midnight-in-the-century", position=notes.Position(page=10)
    )
    home = pages.home_page(lib)
    assert "Currently reading" in home and "page 40 of 199" in home
    assert "serge:lubyanka-and-orenburg" in home  # the period it draws on
    assert "serge:orenburg" in home and "serge:left-opposition" in home
    assert home.index(f"serge:note:{early}") < home.index(f"serge:note:{late}")


def test_a_bare_slug_link_reads_as_the_entrys_title(lib):
    out = markdown_to_html(
        "See [[petrograd-civil-war]] and [[okhrana|the police]].", entries.resolver(lib)
    )
    assert ">Petrograd in the Civil War</a>" in out and ">the police</a>" in out


def test_a_work_page_shows_the_readers_progress_and_earlier_reads(lib):
    from serge_reader import progress

    assert "Not in your reading yet" in pages.entry_page(lib, "conquered-city")
    progress.set_progress(lib, "conquered-city", pages=240, page=240)
    progress.set_progress(lib, "conquered-city", page=60)  # a second read
    page = pages.entry_page(lib, "conquered-city")
    assert "Your reading:</b> reading, page 60 of 240 (25%)" in page
    assert "Earlier read: finished" in page


def test_the_pages_own_words_go_through_the_installed_translator(lib):
    try:
        pages.set_translator(
            lambda text: {"English translations": "Traductions anglaises"}.get(text, text)
        )
        assert "Traductions anglaises" in pages.entry_page(lib, "midnight-in-the-century")
    finally:
        pages.set_translator(str)


def test_entries_read_as_rendered_when_the_reference_was_built(lib):
    """The shipped database carries each entry's HTML: it must be what the renderer makes
    of the text today, links resolved as a note's links are."""
    resolve = entries.resolver(lib)
    slugs = [r[0] for r in lib.conn.execute("SELECT slug FROM ref.entries")]
    assert len(slugs) > 150
    for slug in slugs:
        # the text as written, spoiler blocks and all (a reader sees it as `--spoilers` shows)
        (body,) = lib.conn.execute(
            "SELECT body FROM ref.entries WHERE slug = ?", (slug,)
        ).fetchone()
        html = entries.body_html(lib, slug)
        assert html == entry_html(body, resolve), (
            f"{slug}: data/serge.db renders differently now; run 'serge-reader content build'"
        )
        assert html in pages.entry_page(lib, slug, reveal=True)
    assert 'href="serge:okhrana"' in entries.body_html(lib, "petrograd-civil-war")


def test_our_entries_are_rendered_whole_however_busy_the_machine(lib, monkeypatch):
    """The reference is built once: a slow machine must not ship an entry as plain text
    (the time bound is for the reader's own notes, rendered while they wait)."""
    from serge_reader import render

    monkeypatch.setattr(render, "RENDER_BUDGET_S", -1.0)  # every note is out of time
    text = "The [[Okhrana]] *watched* him.\n\n- one\n- two"
    assert "takes too long" in markdown_to_html(text, entries.resolver(lib))
    html = entry_html(text, entries.resolver(lib))
    assert "takes too long" not in html and "<em>watched</em>" in html and "<li>" in html
