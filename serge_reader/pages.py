"""The HTML pages the context panel shows (and `serge-reader show --html` prints).

Built from the core's data only; every piece of text is escaped or passed through the one
safe markdown renderer (the reference entries were rendered by it when the reference database
was built). The markup stays within what QTextBrowser's rich-text engine draws.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from serge_reader import entries, notes, progress
from serge_reader.library import Library
from serge_reader.wikilinks import entry_url

# Sizes and layout only: colours come from the app's theme (the panel's default style sheet),
# so text keeps its contrast in light and dark themes alike.
STYLE = """
h1 { font-size: x-large; margin-bottom: 0; }
.subtitle { margin-top: 2px; }
h2 { font-size: large; margin-top: 14px; }
a.term, a.period, a.work { text-decoration: none; }
.unresolved { text-decoration: underline; }
.blocked-link { text-decoration: line-through; }
td, th { padding: 2px 8px 2px 0; vertical-align: top; }
"""

# A page lists this many notes at most, so that it costs the same with 100,000 notes as with
# ten; the notes panel lists them all.
PAGE_NOTES = 30
HOME_NOTES_BEFORE = 10  # of them, in the home view, on pages before the reader's

_translate: Callable[[str], str] = str


def set_translator(translate: Callable[[str], str]) -> None:
    """Route the pages' own words through a translator (the app installs Qt's)."""
    global _translate
    _translate = translate


def _(text: str) -> str:
    """A user-facing phrase, translated when a translator is installed."""
    return _translate(text)


AVAILABILITY_LABELS = {
    "in-print": "in print in English",
    "out-of-print": "out of print",
    "lost": "lost manuscript",
    "confiscated": "manuscript confiscated",
}


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def _page(title: str, body: str) -> str:
    return (
        f"<html><head><title>{esc(title)}</title><style>{STYLE}</style></head>"
        f"<body>{body}</body></html>"
    )


def entry_page(lib: Library, slug: str) -> str:
    entry = entries.get_entry(lib, slug)
    parts = [f"<h1>{esc(entry['title'])}</h1>", f"<p class='subtitle'>{esc(subtitle(entry))}</p>"]
    if entry["aliases"]:
        parts.append(
            f"<p class='subtitle'>{esc(_('Also:'))} {esc(', '.join(entry['aliases']))}</p>"
        )
    if entry["kind"] == "work" and entry["readable"]:
        parts.append(reading_html(lib, slug))
    parts.append(entries.body_html(lib, slug))
    if entry["kind"] == "work" and entry["translations"]:
        parts.append(f"<h2>{esc(_('English translations'))}</h2><table>")
        for t in entry["translations"]:
            parts.append(f"<tr><td>{esc(translation_line(t))}</td></tr>")
        parts.append("</table>")
    for heading, items in entries.grouped_links(entry["links"]):
        links = ", ".join(
            f"<a class='{link['kind']}' href='{entry_url(link['id'])}'>{esc(link['title'])}</a>"
            for link in items
        )
        parts.append(f"<h2>{esc(_(heading))}</h2><p>{links}</p>")
    count = notes.count_notes(lib, about=slug)
    backlinks = notes.list_notes(lib, about=slug, order="page", limit=PAGE_NOTES)
    parts.append(f"<h2>{esc(_('Your notes ({count})').format(count=count))}</h2>")
    parts.append(
        notes_list_html(backlinks) if backlinks else "<p class='note-meta'>No notes yet.</p>"
    )
    if count > len(backlinks):
        parts.append(_more_notes(count - len(backlinks)))
    if entry["source_note"]:
        parts.append(f"<h2>{esc(_('On the sources'))}</h2><p>{esc(entry['source_note'])}</p>")
    parts.append(f"<p class='sources'>Sources: {esc(', '.join(entry['sources']))}</p>")
    return _page(entry["title"], "".join(parts))


def reading_html(lib: Library, work: str) -> str:
    """The reader's own way through a work: now, and any earlier reads."""
    row = progress.get_progress(lib, work)
    if not row["status"]:
        return f"<p class='note-meta'>{esc(_('Not in your reading yet: press P in the reading list to set your page.'))}</p>"
    now = _("{status}, page {page} of {pages}").format(
        status=_(row["status"].replace("-", " ")), page=row["page"], pages=row["pages"] or "?"
    )
    if row["percent"] is not None:
        now += f" ({row['percent']:g}%)"
    for key in ("started", "finished"):
        if row[key]:
            now += f" · {_(key)} {row[key]}"
    lines = [f"<b>{esc(_('Your reading:'))}</b> {esc(now)}"]
    for read in progress.earlier_reads(lib, work):
        span = " – ".join(x for x in (read["started"], read["finished"]) if x)
        lines.append(
            f"{esc(_('Earlier read:'))} {esc(_(read['status'].replace('-', ' ')))} {esc(span)}"
        )
    return f"<p class='note-meta'>{'<br>'.join(lines)}</p>"


def subtitle(entry: dict[str, Any]) -> str:
    if entry["kind"] == "work":
        bits = [entry["original_title"], entry["genre"].replace("-", " ")]
        if entry["year_published"]:
            bits.append(_("published {year}").format(year=entry["year_published"]))
        if entry["year_written"] and entry["year_written"] != entry["year_published"]:
            bits.append(_("written {year}").format(year=entry["year_written"]))
        bits.append(_(AVAILABILITY_LABELS[entry["availability"]]))
        if entry["posthumous"]:
            bits.append(_("posthumous"))
        if entry["pages"]:
            bits.append(_("{count} pages").format(count=entry["pages"]))
        return " · ".join(bits)
    if entry["kind"] == "period":
        return (
            f"{_('Life period')} · {entry['start']} – {entry['end']} · {', '.join(entry['places'])}"
        )
    bits = [_(entry["category"].capitalize())]
    if entry["dates"]:
        bits.append(entry["dates"])
    return " · ".join(bits)


def translation_line(t: dict[str, Any]) -> str:
    who = []
    if t.get("translator"):
        who.append(_("tr. {name}").format(name=t["translator"]))
    if t.get("editor"):
        who.append(_("ed. {name}").format(name=t["editor"]))
    where = ", ".join(str(t[k]) for k in ("place", "publisher", "year") if t.get(k))
    extra = [f"ISBN {t['isbn']}"] if t.get("isbn") else []
    if t.get("pages"):
        extra.append(_("{count} pp.").format(count=t["pages"]))
    return "; ".join([t["title"], *who, *([where] if where else []), *extra])


def position_label(note: dict[str, Any]) -> str:
    bits = []
    if note.get("page") is not None:
        bits.append(_("p. {page}").format(page=note["page"]))
    if note.get("chapter"):
        bits.append(_("ch. {chapter}").format(chapter=note["chapter"]))
    if note.get("percent") is not None:
        bits.append(f"{note['percent']:g}%")
    return ", ".join(bits)


def notes_list_html(items: list[dict[str, Any]]) -> str:
    rows = []
    for n in items:
        meta = [
            x for x in (n["work"], position_label(n), " ".join(f"#{t}" for t in n["tags"])) if x
        ]
        label = "❝ " if n["kind"] == "quotation" else ""
        rows.append(
            f"<p><a href='{entry_url('note:' + str(n['id']))}'>{label}{esc(notes.note_title(n))}</a>"
            f"<br><span class='note-meta'>{esc(' · '.join(meta))}</span></p>"
        )
    return "".join(rows)


def note_page(lib: Library, note_id: int) -> str:
    note = notes.get_note(lib, note_id)
    meta = [esc(_(note["kind"]))]
    if note["work"]:
        meta.append(f"<a href='{entry_url(note['work'])}'>{esc(note['work'])}</a>")
    if position_label(note):
        meta.append(esc(position_label(note)))
    meta.extend(esc(f"#{t}") for t in note["tags"])
    meta.append(esc(_("updated {time}").format(time=note["updated"])))
    # Imported here: Python-Markdown costs a tenth of a second, and the start, which shows
    # an entry or the home view, needs none of it.
    from serge_reader.render import markdown_to_html

    body = markdown_to_html(note["body"], entries.resolver(lib))
    return _page(
        _("Note {number}").format(number=note_id),
        f"<p class='note-meta'>{esc(_('Note {number}').format(number=note_id))} · {' · '.join(meta)}</p>{body}",
    )


def _notes_near(lib: Library, work: str, page: int, count: int) -> list[dict[str, Any]]:
    """A work's notes in page order: all of them, or, when there are more than a page
    holds, those nearest the reader's page (a few before it, the rest from it on)."""
    if count <= PAGE_NOTES:
        return notes.list_notes(lib, work=work, order="page")
    before = notes.list_notes(
        lib, work=work, order="page_desc", before_page=page, limit=HOME_NOTES_BEFORE
    )
    after = notes.list_notes(
        lib, work=work, order="page", from_page=page, limit=PAGE_NOTES - len(before)
    )
    return [*reversed(before), *after]


def _more_notes(count: int) -> str:
    return f"<p class='note-meta'>{esc(_('… and {count} more in the notes panel.').format(count=count))}</p>"


def home_page(lib: Library) -> str:
    """The home view: for each work being read, a quick reference to keep beside the book —
    its periods, its key terms and people — and the reader's notes on it in page order."""
    reading = [w for w in entries.list_works(lib) if w["status"] == "reading"]
    parts = ["<h1>Serge Reader</h1>"]
    if not reading:
        hint = _(
            "Nothing in progress. Choose a work on the left and press P to set your page, or "
            "look anything up with Ctrl+K: a person, a place, an organization, a term, or your "
            "own notes."
        )
        parts.append(f"<p>{esc(hint)}</p>")
    for work in reading:
        where = _("page {page} of {pages}").format(page=work["page"], pages=work["pages"] or "?")
        parts.append(
            f"<h2>{esc(_('Currently reading:'))} <a href='{entry_url(work['id'])}'>{esc(work['title'])}</a>"
            f" — {esc(where)}</h2>"
        )
        for heading, items in entries.grouped_links(entries.links_of(lib, work["id"])):
            if heading == "Works":
                continue
            links = ", ".join(
                f"<a href='{entry_url(link['id'])}'>{esc(link['title'])}</a>" for link in items
            )
            parts.append(f"<p><b>{esc(_(heading))}:</b> {links}</p>")
        count = notes.count_notes(lib, work=work["id"])
        if count:
            on_work = _notes_near(lib, work["id"], int(work["page"] or 0), count)
            parts.append(
                f"<p><b>{esc(_('Your notes, by page ({count}):').format(count=count))}</b></p>"
            )
            parts.append(notes_list_html(on_work))
            if count > len(on_work):
                parts.append(_more_notes(count - len(on_work)))
    return _page("Serge Reader", "".join(parts))
