"""What a name the reader writes stands for: `progress memoirs`, `show Okhrana`,
`note add --work "Midnight in the Century"`, and the `[[Trotsky]]` of a note.

A name is an entry's slug, or a title or alias in any case and accents (as the look-up
finds them); a wiki-link may also be a person's surname alone (`[[Bukharin]]`,
`[[Sedova]]`). A name two entries share stands for neither: the reader chooses (a command
names both and asks for one; a note's link offers both).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from urllib.parse import quote, unquote

from serge_reader import entries
from serge_reader.errors import UserError
from serge_reader.library import Library
from serge_reader.textnorm import fold, words

CHOOSE = "choose:"  # the id of the page that offers the entries a link may mean


class _Names:
    """Every name of the reference content, folded, with the entries each stands for (all of
    them: a name shared is a choice), and people's surnames; read once per open library, so
    that resolving a note's links, in an import's checking thread too, reads no table."""

    def __init__(self, lib: Library) -> None:
        self.named: dict[str, set[str]] = {}
        titles: set[tuple[str, str]] = set()
        for name_folded, slug, is_title in lib.conn.execute(
            "SELECT DISTINCT folded, slug, is_title FROM ref.names"
        ):
            self.named.setdefault(name_folded, set()).add(slug)
            if is_title:
                titles.add((name_folded, slug))
        self.categories: dict[str, str] = dict(
            lib.conn.execute("SELECT slug, category FROM ref.terms")
        )
        people = {slug for slug, category in self.categories.items() if category == "person"}
        people.update(r[0] for r in lib.conn.execute("SELECT slug FROM ref.characters"))
        # A surname is the last word of a person's title (`Trotsky`: Leon Trotsky) or, when
        # no title ends so, of an alias (Natalia Sedova is also "Natalia Trotsky").
        self.surnames: dict[str, set[str]] = {}
        self.alias_surnames: dict[str, set[str]] = {}
        for name_folded, slugs in self.named.items():
            parts = words(name_folded)
            for slug in slugs & people if len(parts) > 1 else ():
                kept = self.surnames if (name_folded, slug) in titles else self.alias_surnames
                kept.setdefault(parts[-1], set()).add(slug)
        # Each link target as written, resolved once: an import of 100,000 notes resolves
        # the same few hundred targets again and again.
        self.resolved: dict[str, list[str]] = {}


_NAMES: weakref.WeakKeyDictionary[Library, _Names] = weakref.WeakKeyDictionary()


def load(lib: Library) -> None:
    """Read the names now, on this thread (see `entries.load_reference`)."""
    entries.load_reference(lib)
    _names(lib)


def _names(lib: Library) -> _Names:
    found = _NAMES.get(lib)
    if found is None:
        found = _NAMES[lib] = _Names(lib)
    return found


def _by_title(lib: Library, slugs: set[str]) -> list[str]:
    return sorted(slugs, key=lambda s: (entries.entry_title(lib, s).casefold(), s))


def link_candidates(lib: Library, target: str) -> list[str]:
    """The entries a wiki-link's target may stand for, by title: one when it is clear, none
    when it names nothing, several when the reader has to choose.

    A slug as written names its entry; else the entries with that title or alias; else, for
    one word, the people whose title ends with it (`Trotsky`: Leon Trotsky), else whose alias
    does.
    """
    names = _names(lib)
    found = names.resolved.get(target)
    if found is None:
        found = names.resolved[target] = _candidates(lib, names, target.strip())
    return list(found)


def _candidates(lib: Library, names: _Names, target: str) -> list[str]:
    if entries.entry_kind(lib, target) is not None:
        return [target]
    folded = fold(target)
    exact = names.named.get(folded)
    if exact:
        return _by_title(lib, exact)
    typed = words(folded)
    if len(typed) != 1:
        return []
    found = names.surnames.get(typed[0]) or names.alias_surnames.get(typed[0], set())
    return _by_title(lib, found)


def link_target(lib: Library, target: str) -> str | None:
    """The one entry a wiki-link stands for; None when none, or several."""
    found = link_candidates(lib, target)
    return found[0] if len(found) == 1 else None


def find_entry(lib: Library, name: str, *, kind: str | None = None) -> str:
    """The entry (of `kind`, when given) that a name given on the command line stands for:
    its slug, a title or alias, or the start of one when only one entry has it; UserError
    saying what to write when it names none or several."""
    from serge_reader.search import name_index

    what = "work" if kind == "work" else "entry"
    if entries.entry_kind(lib, name) is not None and kind in (None, entries.entry_kind(lib, name)):
        return name
    folded = fold(name)
    typed = words(folded)
    index = name_index(lib)
    found: list[str] = []
    if typed:
        for matches in (index.exact(folded), index.prefix(typed)):
            found = list(dict.fromkeys(n.slug for n in matches if kind in (None, n.kind)))
            if found:
                break
    if len(found) == 1:
        return found[0]
    if not found:
        where = "serge-reader works" if kind == "work" else f"serge-reader search {name}"
        raise UserError(f"no {what} '{name}' (see '{where}')")
    options = ", ".join(f"{entries.entry_title(lib, s)} ({s})" for s in found[:6])
    more = ", …" if len(found) > 6 else ""
    raise UserError(f"'{name}' may be more than one {what}: {options}{more}; give its id")


def choice_id(target: str) -> str:
    """The id of the page offering the entries `target` may stand for."""
    return CHOOSE + quote(target.strip(), safe="")


def parse_choice(entry_id: str) -> str | None:
    """The link target a choice page's id holds; None for any other id."""
    return unquote(entry_id[len(CHOOSE) :]) if entry_id.startswith(CHOOSE) else None


def note_resolver(lib: Library) -> Callable[[str], tuple[str, str, str] | None]:
    """A wiki-link resolver for rendering a note (see `render.Resolver`): an entry's (slug,
    kind, title); for a name several entries share, the page offering them (its id, the kind
    `choice`, the name as written); None for a name nothing has."""

    def resolve(target: str) -> tuple[str, str, str] | None:
        found = link_candidates(lib, target)
        if len(found) == 1:
            slug = found[0]
            return slug, entries.entry_kind(lib, slug) or "", entries.entry_title(lib, slug)
        if found:
            return choice_id(target), "choice", target.strip()
        return None

    return resolve


def completions(lib: Library) -> list[tuple[str, str]]:
    """What the `[[` completer offers: (shown, inserted) for every title and alias; a name
    several entries share is offered once for each, with its title or kind, and inserted
    with the entry's id (`xenia-popova|Xenia`), so that the link stands for the one chosen."""
    from serge_reader.i18n import _

    kinds = {"work": _("Work"), "period": _("Life period"), "character": _("Character")}
    names = _names(lib)
    offered: list[tuple[str, str]] = []
    for name, slug in entries.all_names(lib):
        shared = names.named.get(fold(name), set())
        if len(shared) < 2:
            offered.append((name, name))
            continue
        title = entries.entry_title(lib, slug)
        category = names.categories.get(slug, "")
        what = (
            title
            if fold(title) != fold(name)
            else kinds.get(entries.entry_kind(lib, slug) or "") or _(category.capitalize()) or title
        )
        offered.append((f"{name} — {what}", f"{slug}|{name}"))
    return list(dict.fromkeys(offered))
