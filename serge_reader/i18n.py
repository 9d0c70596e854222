"""The core's words for a reader, in the reader's language, without Qt.

The window installs a translator (Qt's, from ui/translation.py) and says whether works are
called by their original titles; the command line installs neither and speaks English.

`_("...")` translates a phrase now; `N_("...")` only marks a phrase that is translated later,
through `_` on a variable (a heading picked from a table, a status read from the library).
`pyside6-lupdate` reads both as QT_TR_NOOP, which puts them in the empty context of the
translation file (see packaging/update_translations.py), so the window translates them with
`QCoreApplication.translate(CONTEXT, text)`.
"""

from __future__ import annotations

from collections.abc import Callable

CONTEXT = ""  # the translation context lupdate gives to phrases marked outside a class

_translate: Callable[[str], str] = str
_original_titles = False


def set_translator(translate: Callable[[str], str]) -> None:
    """Route the core's phrases through a translator."""
    global _translate
    _translate = translate


def _(text: str) -> str:
    """A phrase a reader reads, translated when a translator is installed."""
    return _translate(text)


def N_(text: str) -> str:
    """Mark a phrase for translation without translating it here."""
    return text


def use_original_titles(on: bool) -> None:
    """Call works by their original (mostly French) titles: the French interface does."""
    global _original_titles
    _original_titles = on


def original_titles() -> bool:
    return _original_titles


def main_title(original: str) -> str:
    """An original title without its subtitle: "Retour à l'Ouest" for "Retour à l'Ouest.
    Chroniques (juin 1936 – mai 1940)", "A Blaze in a Desert" for "A Blaze in a Desert:
    Selected Poems" (an English collection's original is English)."""
    for mark in (": ", ". "):
        head, found, _rest = original.partition(mark)
        if found and head:
            return head
    return original


def work_title(title: str, original: str | None) -> str:
    """The title a reader knows a work by: the English one, or with original titles on, the
    original's (the English title where the original has none)."""
    if _original_titles and original:
        return main_title(original)
    return title


def other_title(title: str, original: str | None) -> str | None:
    """The work's other title, to show beside the one `work_title` gives; None when the same."""
    shown = work_title(title, original)
    other = (original or "") if shown == title else title
    return other if other and other != shown else None
