"""One folding of text for matching: case, accents and typographic marks do not count."""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʹ": "'", "–": "-", "—": "-"})
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"\w+", re.UNICODE)


def fold(text: str) -> str:
    """`Séjourné` and `sejourne` fold alike; so do `L’Affaire` and `l'affaire`."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACES.sub(" ", stripped.casefold()).strip()


def words(text: str) -> list[str]:
    """The folded words of `text`, as the full-text index sees them."""
    return _WORD.findall(fold(text))
