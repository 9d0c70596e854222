"""The HTML pages the context panel shows (and `serge-reader show --html` prints).

Built from the core's data only; every piece of text is escaped or passed through the one
safe markdown renderer (the reference entries were rendered by it when the reference database
was built). The markup stays within what QTextBrowser's rich-text engine draws.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import date

from serge_reader import clock, entries, names, notes, progress
from serge_reader.entries import Appearance, Entry, Translation
from serge_reader.i18n import N_, _, main_title, original_titles, other_title, work_title
from serge_reader.i18n import set_translator as set_translator  # the pages' words, translated
from serge_reader.library import Library
from serge_reader.spoilers import ENDING, EVERYTHING, SHOW_ALL, Place
from serge_reader.wikilinks import entry_url

# Sizes and layout only: colours come from the app's theme (the panel's default style sheet),
# so text keeps its contrast in light and dark themes alike.
STYLE = """
h1 { font-size: x-large; margin-bottom: 0; }
.subtitle { margin-top: 2px; }
h2 { font-size: large; margin-top: 14px; }
a.term, a.period, a.work, a.character { text-decoration: none; }
.spoiler { font-style: italic; }
.unresolved { text-decoration: underline; }
.blocked-link { text-decoration: line-through; }
td, th { padding: 2px 8px 2px 0; vertical-align: top; }
"""

# A page lists this many notes at most, so that it costs the same with 100,000 notes as with
# ten; the notes panel lists them all.
PAGE_NOTES = 30
HOME_NOTES_BEFORE = 10  # of them, in the home view, on pages before the reader's

AVAILABILITY_LABELS = {
    "in-print": N_("in print in English"),
    "out-of-print": N_("out of print"),
    "lost": N_("lost manuscript"),
    "confiscated": N_("manuscript confiscated"),
}


IMPORTANCE_LABELS = {"main": N_("main cast"), "supporting": N_("supporting"), "minor": N_("minor")}

# Words the pages read from the library or the content and show through `_`: statuses (with
# "-" as a space), the dates of a read, kinds of note, genres and categories of entries.
DATA_WORDS = (
    N_("want to read"), N_("reading"), N_("finished"), N_("abandoned"), N_("started"),
    N_("note"), N_("quotation"),
    N_("poetry"), N_("essays"), N_("novel"), N_("politics"), N_("pamphlet"), N_("history"),
    N_("memoir"), N_("notebooks"), N_("biography"), N_("letters"),
    N_("Person"), N_("Place"), N_("Organization"), N_("Event"), N_("Concept"),
    N_("Publication"), N_("Study"),
)  # fmt: skip


def esc(text: object) -> str:
    """`html.escape(text, quote=True)`, without importing `html`: its table of entities
    is the start's largest module of the standard library that nothing else needs."""
    return (
        str(text)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#x27;")
    )


def _page(title: str, body: str) -> str:
    return (
        f"<html><head><title>{esc(title)}</title><style>{STYLE}</style></head>"
        f"<body>{body}</body></html>"
    )


REVEAL = "reveal"  # serge:reveal:<slug>:<position> shows one held-back passage; :all, all


def reveal_url(slug: str, position: int | str) -> str:
    return entry_url(f"{REVEAL}:{slug}:{position}")


def work_titles(lib: Library) -> dict[str, str]:
    """Each work's title as the reader knows it, where that is not its entry's title: the
    original titles, in an interface that calls works by them (`i18n.work_title`)."""
    if not original_titles():
        return {}
    rows = lib.db.query("SELECT slug, original_title FROM ref.works")
    return {r["slug"]: main_title(r["original_title"]) for r in rows}


def shown_work_title(lib: Library, work: str, title: str) -> str:
    """A work's title as the reader knows it."""
    return work_titles(lib).get(work, title)


def spoiler_notice(lib: Library, slug: str, position: int | str, work: str, chapter: int) -> str:
    """The one line that stands for a passage held back, with a link that shows it."""
    title = shown_work_title(lib, work, entries.entry_title(lib, work))
    if chapter == ENDING:
        text = esc(_("Spoiler for {title}, about its ending")).format(title=f"<i>{esc(title)}</i>")
    else:
        text = esc(_("Spoiler for {title} from chapter {chapter}")).format(
            title=f"<i>{esc(title)}</i>", chapter=chapter
        )
    return f"<p class='spoiler'>{text} — <a href='{reveal_url(slug, position)}'>{esc(_('show'))}</a></p>"


def body_html(lib: Library, slug: str, place: Place, revealed: Collection[int] = ()) -> str:
    """An entry's text for a reader at `place`: each passage not reached yet a notice,
    unless the reader asked to see it (`revealed` positions)."""
    out = []
    for position, seg, rendered in entries.passages(lib, slug):
        shown = seg.work is None or seg.chapter is None or place.shows(seg.work, seg.chapter)
        if shown or position in revealed:
            out.append(rendered)
        elif seg.work is not None and seg.chapter is not None:
            out.append(spoiler_notice(lib, slug, position, seg.work, seg.chapter))
    return "".join(out)


def _unmet_character_page(lib: Library, entry: Entry, appears: Iterable[Appearance]) -> str:
    """A character the reader has not met: the name, the novels and first chapters only."""
    parts = [f"<h1>{esc(entry.title)}</h1>", f"<p class='subtitle'>{esc(subtitle(entry))}</p>"]
    first = ", ".join(
        _("chapter {chapter} of {title}").format(chapter=a.chapter, title=a.title) for a in appears
    )
    hint = _("You have not met this character yet: first seen in {where}.").format(where=first)
    parts.append(
        f"<p class='spoiler'>{esc(hint)} <a href='{reveal_url(entry.id, 'all')}'>"
        f"{esc(_('Show all the same'))}</a></p>"
    )
    parts.append(_notes_html(lib, entry.id))
    parts.append(sources_html(entry.sources))
    return _page(entry.title, "".join(parts))


def _notes_html(lib: Library, slug: str) -> str:
    count = notes.count_notes(lib, about=slug)
    backlinks = notes.list_notes(lib, about=slug, order="page", limit=PAGE_NOTES)
    parts = [f"<h2>{esc(_('Your notes ({count})').format(count=count))}</h2>"]
    parts.append(
        notes_list_html(lib, backlinks)
        if backlinks
        else f"<p class='note-meta'>{esc(_('No notes yet.'))}</p>"
    )
    if count > len(backlinks):
        parts.append(_more_notes(count - len(backlinks)))
    return "".join(parts)


def who_is_who_html(lib: Library, work: str, place: Place) -> str:
    """Who's who so far in a novel: the characters met, main cast first, each a link."""
    cast = entries.characters_met(lib, work, place)
    if not cast:
        return ""
    reached = place.chapter(work)
    heading = _("Who's who") if reached >= EVERYTHING else _("Who's who so far")
    rows = "".join(
        f"<tr><td><a class='character' href='{entry_url(c.id)}'>{esc(c.title)}</a></td>"
        f"<td>{esc(c.role)}</td></tr>"
        for c in cast
    )
    return f"<h2>{esc(heading)}</h2><table>{rows}</table>"


def _character_html(character: entries.CharacterDetails) -> str:
    """A character's relations (to characters met) and real-world model."""
    parts = []
    if character.relations:
        rows = "".join(
            f"<tr><td>{esc(r.label)}</td>"
            f"<td><a class='character' href='{entry_url(r.id)}'>{esc(r.title)}</a></td></tr>"
            for r in character.relations
        )
        parts.append(f"<h2>{esc(_('Relations'))}</h2><table>{rows}</table>")
    if character.model:
        parts.append(f"<h2>{esc(_('Real-world model'))}</h2><p>{esc(character.model)}</p>")
    return "".join(parts)


def entry_page(lib: Library, slug: str, *, reveal: bool | Collection[int] = False) -> str:
    """An entry's page as the reader may see it: passages past their place in a novel held
    back (`reveal` True shows everything, or the positions given)."""
    place = SHOW_ALL if reveal is True else entries.reader_place(lib)
    revealed: Collection[int] = () if isinstance(reveal, bool) else reveal
    entry = entries.get_entry(lib, slug, place=place)
    work, character = entry.work, entry.character
    if character and not character.met:
        return _unmet_character_page(lib, entry, character.appears)
    title = shown_title(entry)
    parts = [f"<h1>{esc(title)}</h1>", f"<p class='subtitle'>{esc(subtitle(entry))}</p>"]
    if entry.aliases:
        parts.append(f"<p class='subtitle'>{esc(_('Also:'))} {esc(', '.join(entry.aliases))}</p>")
    if work and work.readable:
        parts.append(reading_html(lib, slug))
    if character:
        parts.append(f"<p><b>{esc(character.role)}</b></p>")
    parts.append(body_html(lib, slug, place, revealed))
    if character:
        parts.append(_character_html(character))
    if work:
        parts.append(who_is_who_html(lib, slug, place))
    if work and work.translations:
        parts.append(f"<h2>{esc(_('English translations'))}</h2><table>")
        for t in work.translations:
            parts.append(f"<tr><td>{esc(translation_line(t))}</td></tr>")
        parts.append("</table>")
    titles = work_titles(lib)
    for heading, items in entries.grouped_links(entry.links):
        if work and heading == "Characters":
            continue  # listed as the reader meets them, under "Who's who so far"
        links = ", ".join(
            f"<a class='{link.kind}' href='{entry_url(link.id)}'>"
            f"{esc(titles.get(link.id, link.title))}</a>"
            for link in items
        )
        parts.append(f"<h2>{esc(_(heading))}</h2><p>{links}</p>")
    parts.append(_notes_html(lib, slug))
    if entry.source_note:
        parts.append(f"<h2>{esc(_('On the sources'))}</h2><p>{esc(entry.source_note)}</p>")
    parts.append(sources_html(entry.sources))
    return _page(title, "".join(parts))


def shown_title(entry: Entry) -> str:
    """An entry's title; a work's as the reader knows it (`i18n.work_title`)."""
    if entry.work:
        return work_title(entry.title, entry.work.original_title)
    return entry.title


def sources_html(cited: Iterable[dict[str, str]]) -> str:
    """The entry's 'Sources' line: each source's citation (author, title, publication, date),
    with its address as a link where it has one."""
    items = [
        f"<a href='{esc(s['url'])}'>{esc(s['citation'])}</a>" if s["url"] else esc(s["citation"])
        for s in cited
    ]
    return f"<p class='sources'>{esc(_('Sources:'))} {'; '.join(items)}</p>"


def reading_html(lib: Library, work: str) -> str:
    """The reader's own way through a work: now, and any earlier reads."""
    row = progress.get_progress(lib, work)
    if not row.status:
        return f"<p class='note-meta'>{esc(_('Not in your reading yet: press P in the reading list to set your page.'))}</p>"
    now = _("{status}, page {page} of {pages}").format(
        status=_(row.status.replace("-", " ")), page=row.page, pages=row.pages or "?"
    )
    if row.percent is not None:
        now += f" ({row.percent:g}%)"
    if row.chapter:
        now += " · " + _("chapter {chapter}").format(chapter=row.chapter)
    for key, day in (("started", row.started), ("finished", row.finished)):
        if day:
            now += f" · {_(key)} {reader_day(date.fromisoformat(day))}"
    lines = [f"<b>{esc(_('Your reading:'))}</b> {esc(now)}"]
    for read in progress.earlier_reads(lib, work):
        span = " – ".join(
            reader_day(date.fromisoformat(x)) for x in (read["started"], read["finished"]) if x
        )
        lines.append(
            f"{esc(_('Earlier read:'))} {esc(_(read['status'].replace('-', ' ')))} {esc(span)}"
        )
    return f"<p class='note-meta'>{'<br>'.join(lines)}</p>"


def subtitle(entry: Entry) -> str:
    """What an entry is, in one line under its title."""
    if entry.work:
        return _work_subtitle(entry.title, entry.work)
    if entry.character:
        bits = [_("Character")]
        if entry.character.importance:
            bits.append(_(IMPORTANCE_LABELS[entry.character.importance]))
        bits.extend(_first_seen(entry.character.appears))
        return " · ".join(bits)
    if entry.period:
        from serge_reader.timeline import date_label

        span = f"{date_label(entry.period.start)} – {date_label(entry.period.end)}"
        return f"{_('Life period')} · {span} · {', '.join(entry.period.places)}"
    assert entry.term is not None  # the one kind left
    bits = [_(entry.term.category.capitalize())]
    if entry.term.dates:
        bits.append(entry.term.dates)
    if entry.term.fictional:
        bits.append(_("in the novels"))
        bits.extend(_first_seen(entry.term.appears))
    return " · ".join(bits)


def _work_subtitle(title: str, work: entries.WorkDetails) -> str:
    other = other_title(title, work.original_title)
    bits = [*([other] if other else []), _(work.genre.replace("-", " "))]
    if work.year_published:
        bits.append(_("published {year}").format(year=work.year_published))
    if work.year_written and work.year_written != work.year_published:
        bits.append(_("written {year}").format(year=work.year_written))
    bits.append(_(AVAILABILITY_LABELS[work.availability]))
    if work.posthumous:
        bits.append(_("posthumous"))
    if work.pages:
        bits.append(_("{count} pages").format(count=work.pages))
    return " · ".join(bits)


def _first_seen(appears: Iterable[Appearance]) -> list[str]:
    return [
        _("{title}, from chapter {chapter}").format(title=a.title, chapter=a.chapter)
        for a in appears
    ]


def translation_line(t: Translation) -> str:
    who = []
    if t.translator:
        who.append(_("tr. {name}").format(name=t.translator))
    if t.editor:
        who.append(_("ed. {name}").format(name=t.editor))
    where = ", ".join(str(x) for x in (t.place, t.publisher, t.year) if x)
    extra = [f"ISBN {t.isbn}"] if t.isbn else []
    if t.pages:
        extra.append(_("{count} pp.").format(count=t.pages))
    return "; ".join([t.title, *who, *([where] if where else []), *extra])


def position_label(position: notes.Position) -> str:
    bits = []
    if position.page is not None:
        bits.append(_("p. {page}").format(page=position.page))
    if position.chapter:
        bits.append(_("ch. {chapter}").format(chapter=position.chapter))
    if position.percent is not None:
        bits.append(f"{position.percent:g}%")
    return ", ".join(bits)


def notes_list_html(lib: Library, items: list[notes.Note]) -> str:
    """Notes as a list on a page: each one's first line, its book (by title) and place."""
    rows = []
    for n in items:
        work = entries.entry_title(lib, n.work) if n.work else ""
        tags = " ".join(f"#{t}" for t in n.tags)
        meta = [x for x in (work, position_label(n.position), tags) if x]
        label = "❝ " if n.kind == "quotation" else ""
        rows.append(
            f"<p><a href='{entry_url(str(notes.NoteRef(n.id)))}'>{label}{esc(n.title)}</a>"
            f"<br><span class='note-meta'>{esc(' · '.join(meta))}</span></p>"
        )
    return "".join(rows)


def reader_day(day: date) -> str:
    """A day as a reader writes it, in the reader's language: 1 December 2026."""
    from serge_reader.timeline import MONTHS  # the timeline's records are not the start's

    return f"{day.day} {_(MONTHS[day.month - 1])} {day.year}"


def local_date(stamp: str) -> str:
    """A stored UTC stamp as the reader's local date and time."""
    moment = clock.moment(stamp)
    return f"{reader_day(moment.date())}, {moment:%H:%M}"


def note_page(lib: Library, note_id: int) -> str:
    note = notes.get_note(lib, note_id)
    meta = [esc(_(note.kind))]
    if note.work:
        meta.append(
            f"<a href='{entry_url(note.work)}'>{esc(entries.entry_title(lib, note.work))}</a>"
        )
    if position_label(note.position):
        meta.append(esc(position_label(note.position)))
    meta.extend(esc(f"#{t}") for t in note.tags)
    meta.append(esc(_("updated {time}").format(time=local_date(note.updated))))
    # Imported here: Python-Markdown costs a tenth of a second, and the start, which shows
    # an entry or the home view, needs none of it.
    from serge_reader.render import markdown_to_html

    body = markdown_to_html(note.body, names.note_resolver(lib))
    return _page(
        _("Note {number}").format(number=note_id),
        f"<p class='note-meta'>{esc(_('Note {number}').format(number=note_id))} · {' · '.join(meta)}</p>{body}",
    )


def choice_page(lib: Library, target: str) -> str:
    """The entries a note's `[[link]]` may stand for, when several share its name: each one's
    title and what it is, for the reader to choose."""
    found = names.link_candidates(lib, target)
    title = _("“{name}” may mean").format(name=target)
    rows = []
    for slug in found:
        entry = entries.get_entry(lib, slug)
        rows.append(
            f"<p><a href='{entry_url(slug)}'>{esc(entry.title)}</a>"
            f"<br><span class='note-meta'>{esc(subtitle(entry))}</span></p>"
        )
    if not rows:
        rows.append(f"<p>{esc(_('Nothing is called that.'))}</p>")
    return _page(title, f"<h1>{esc(title)}</h1>{''.join(rows)}")


def _notes_near(lib: Library, work: str, page: int, count: int) -> list[notes.Note]:
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
    reading = progress.being_read(lib)
    place = entries.reader_place(lib) if reading else SHOW_ALL
    parts = ["<h1>Serge Reader</h1>"]
    if not reading:
        hint = _(
            "Nothing in progress. Choose a work on the left and press P to set your page, or "
            "look anything up with Ctrl+K: a person, a place, an organization, a term, or your "
            "own notes."
        )
        parts.append(f"<p>{esc(hint)}</p>")
    for work in reading:
        where = _("page {page} of {pages}").format(page=work.page, pages=work.pages or "?")
        parts.append(
            f"<h2>{esc(_('Currently reading:'))} <a href='{entry_url(work.id)}'>{esc(work_title(work.title, work.original_title))}</a>"
            f" — {esc(where)}</h2>"
        )
        visible = entries.visible_links(lib, entries.links_of(lib, work.id), place)
        for heading, items in entries.grouped_links(visible):
            if heading in ("Works", "Characters"):
                continue
            links = ", ".join(
                f"<a href='{entry_url(link.id)}'>{esc(link.title)}</a>" for link in items
            )
            parts.append(f"<p><b>{esc(_(heading))}:</b> {links}</p>")
        parts.append(who_is_who_html(lib, work.id, place))
        count = notes.count_notes(lib, work=work.id)
        if count:
            on_work = _notes_near(lib, work.id, work.page, count)
            parts.append(
                f"<p><b>{esc(_('Your notes, by page ({count}):').format(count=count))}</b></p>"
            )
            parts.append(notes_list_html(lib, on_work))
            if count > len(on_work):
                parts.append(_more_notes(count - len(on_work)))
    return _page("Serge Reader", "".join(parts))
