"""One search over the reference content and the reader's notes, ranked as a reader expects.

Order of results: an exact title or alias; then titles and aliases that start with what was
typed (word by word, so `left opp` finds the Left Opposition); then full-text matches ranked
with bm25 (entries, then notes); then near misses that tolerate a typo (`Okrana`). Case and
accents never matter. Whatever the reader types is taken literally: it is turned into quoted
FTS5 tokens, so quotes, `AND`, `*`, parentheses and colons can never raise an error.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from serge_reader.entries import met, reader_place
from serge_reader.library import Library
from serge_reader.notes import NoteRef, note_filters, note_title, tag_spellings
from serge_reader.textnorm import fold, words

KINDS = ("work", "period", "term", "character", "note")
MAX_QUERY_CHARS = 500
MARK_START, MARK_END = "\ue000", "\ue001"
TITLE_CHARS = 1000  # of a note's text read to make its title
PREFIX_LETTERS = 3  # the word being typed is matched as a prefix from this many letters
# Notes among a look-up's results, the newest that match (the notes panel lists them all).
# Each note's snippet reads its whole text: with ten, the snippets were two thirds of the
# slowest look-ups at 100,000 notes (7 of 11 ms for "midnight in the cent").
LOOKUP_NOTES = 6
_PHRASE = re.compile(r'"([^"]*)"')
# Full-text rows read beyond the limit, for those a reader's place leaves out.
SPOILER_ROWS = 200


@dataclass(frozen=True)
class Result:
    id: str  # an entry's slug, or "note:N"
    kind: str  # work, period, term, character or note
    title: str
    snippet: str  # plain text; matches between MARK_START and MARK_END
    tier: int  # 0 exact, 1 prefix, 2 full text, 3 near miss

    def to_json(self) -> dict[str, str]:
        return {
            "id": self.id,
            "kind": self.kind,
            "title": self.title,
            "snippet": marked(self.snippet, "**", "**"),
        }


def marked(snippet: str, start: str, end: str) -> str:
    return snippet.replace(MARK_START, start).replace(MARK_END, end)


def fts_query(text: str, *, prefix: bool = True) -> str | None:
    """The reader's text as a safe FTS5 query: quoted phrases kept, every other word quoted;
    None when nothing searchable is left.

    With `prefix`, the word being typed (the last, when no space or quote follows it) is a
    prefix once it has three letters; the words before it are whole. A prefix matches every
    word that starts so: a shorter one would merge the lists of thousands of words, and
    the notes index keeps three-letter prefixes ready (see migrations).
    """
    text = text[:MAX_QUERY_CHARS]
    parts: list[str] = []
    last = 0
    for m in _PHRASE.finditer(text):
        parts.extend(f'"{w}"' for w in words(text[last : m.start()]))
        phrase = words(m.group(1))
        if phrase:
            parts.append('"' + " ".join(phrase) + '"')
        last = m.end()
    tail = text[last:].replace('"', " ")
    tail_words = words(tail)
    parts.extend(f'"{w}"' for w in tail_words)
    if prefix and tail_words and len(tail_words[-1]) >= PREFIX_LETTERS and not tail[-1:].isspace():
        parts[-1] += "*"
    return " ".join(parts) or None


@dataclass(frozen=True)
class _Name:
    slug: str
    kind: str
    title: str
    name: str
    folded: str
    words: tuple[str, ...]


class NameIndex:
    """Every title and alias of the reference content, folded, kept in memory.

    A few hundred names: matching them in Python per keystroke costs well under a
    millisecond, and leaves SQLite the full-text part only.
    """

    def __init__(self, rows: Iterable[tuple[str, str, str, str]]) -> None:
        self.names = [
            _Name(slug, kind, title, name, fold(name), tuple(words(name)))
            for slug, kind, title, name in rows
        ]
        self.trigrams: dict[str, set[str]] = {}
        for word in {w for n in self.names for w in n.words}:
            for g in _trigrams(word):
                self.trigrams.setdefault(g, set()).add(word)
        self.by_word: dict[str, list[_Name]] = {}
        self.rows_by_word: dict[str, list[int]] = {}  # positions in self.names
        for row, n in enumerate(self.names):
            for w in n.words:
                self.by_word.setdefault(w, []).append(n)
                self.rows_by_word.setdefault(w, []).append(row)
        self.sorted_words = sorted(self.by_word)
        # The same words as transliteration keys (`Ryzhik`, `Rijik` and `Ryjik` alike), so
        # that a Russian name spelt as another translation or the French spells it is found.
        self.by_key: dict[str, set[str]] = {}
        for word in self.by_word:
            self.by_key.setdefault(translit_key(word), set()).add(word)
        self.key_trigrams: dict[str, set[str]] = {}
        for key in self.by_key:
            for g in _trigrams(key):
                self.key_trigrams.setdefault(g, set()).add(key)

    def exact(self, query: str) -> list[_Name]:
        return [n for n in self.names if n.folded == query]

    def prefix(self, query_words: list[str]) -> list[_Name]:
        """Names in which every typed word starts a word, in order (`left opp`, `comrade tul`);
        names where more typed words are whole words come first, then shorter names."""
        found: list[tuple[int, int, str, _Name]] = []
        for n in self._having_word_starting(query_words[0]):
            i = whole = 0
            for w in n.words:
                if i < len(query_words) and w.startswith(query_words[i]):
                    whole += w == query_words[i]
                    i += 1
            if i == len(query_words):
                found.append((-whole, len(n.folded), n.title, n))
        return [n for *_, n in sorted(found, key=lambda f: f[:3])]

    def _having_word_starting(self, start: str) -> list[_Name]:
        """The names with a word that starts so, in their usual order: the only ones a
        prefix look-up need read (a bisection instead of every name at each keystroke)."""
        first = bisect.bisect_left(self.sorted_words, start)
        rows: set[int] = set()
        for word in itertools.islice(self.sorted_words, first, None):
            if not word.startswith(start):
                break
            rows.update(self.rows_by_word[word])
        return [self.names[row] for row in sorted(rows)]

    def near(self, query_words: list[str]) -> list[tuple[int, _Name]]:
        """Names holding a word within a small edit distance of each typed word of 4+ letters."""
        scored: dict[str, tuple[int, _Name]] = {}
        for qw in query_words:
            if len(qw) < 4:
                continue
            limit = 1 if len(qw) < 7 else 2
            found = {w: _distance(qw, w, limit) for w in self._candidates(qw)}
            key = translit_key(qw)
            for other in _candidates(key, self.key_trigrams) | ({key} & set(self.by_key)):
                d = _distance(key, other, 1)
                for word in self.by_key[other] if d <= 1 else ():
                    found[word] = min(found.get(word, d), d)
            for word, d in found.items():
                if d <= limit:
                    for n in self.by_word[word]:
                        if n.slug not in scored or scored[n.slug][0] > d:
                            scored[n.slug] = (d, n)
        return sorted(scored.values(), key=lambda x: (x[0], x[1].title))

    def _candidates(self, word: str) -> set[str]:
        return _candidates(word, self.trigrams)


def _candidates(word: str, trigrams: dict[str, set[str]]) -> set[str]:
    counts: dict[str, int] = {}
    for g in _trigrams(word):
        for w in trigrams.get(g, ()):
            counts[w] = counts.get(w, 0) + 1
    return {w for w, c in counts.items() if c >= 2 and abs(len(w) - len(word)) <= 2}


# Russian names as English, French and German translators spell them: each rule maps the
# variants of one sound to one spelling (applied in order to a folded word).
_TRANSLIT = [
    (re.compile(r"shch|chtch|tsch|tch|sch|zh|sh|ch|j|z"), "s"),
    (re.compile(r"kh"), "h"),
    (re.compile(r"rh"), "r"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"ks"), "x"),
    (re.compile(r"w"), "v"),
    (re.compile(r"ou"), "u"),
    (re.compile(r"y(?=e)"), ""),
    (re.compile(r"y"), "i"),
    (re.compile(r"(.)\1"), r"\1"),
    (re.compile(r"(?<=[eo])f$"), "v"),
    (re.compile(r"(?<=[^aeiou])e$"), ""),
]


def translit_key(word: str) -> str:
    """One spelling for the transliterations of a name: `Ryzhik`, `Rijik`, `Ryjik` and
    `Rhyzik` give `risik`; `Erchov`, `Ershov` and `Erchoff` give `ersov`."""
    for pattern, replacement in _TRANSLIT:
        word = pattern.sub(replacement, word)
    return word


def _trigrams(word: str) -> set[str]:
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def _distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance with transpositions, giving up past `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


_INDEXES: dict[tuple[str, str], NameIndex] = {}


def name_index(lib: Library) -> NameIndex:
    """The name index of the attached reference DB, built once per process."""
    key_row = lib.conn.execute("SELECT value FROM ref.meta WHERE key = 'content_hash'").fetchone()
    key = (str(lib.reference_path), key_row[0] if key_row else "")
    index = _INDEXES.get(key)
    if index is None:
        index = NameIndex(
            lib.conn.execute(
                "SELECT n.slug, e.kind, e.title, n.name FROM ref.names n"
                " JOIN ref.entries e USING (slug) ORDER BY n.slug, n.is_title DESC, n.name"
            )
        )
        _INDEXES[key] = index
    return index


def search(
    lib: Library, query: str, *, kinds: Iterable[str] = KINDS, limit: int = 20
) -> list[Result]:
    """Everything that matches `query`, best first, each entry once."""
    kinds = set(kinds)
    folded = fold(query[:MAX_QUERY_CHARS]).strip('"').strip()
    qwords = words(folded)
    if not qwords:
        return []
    results: dict[str, Result] = {}

    def add(result: Result) -> None:
        if result.kind in kinds and result.id not in results and len(results) < limit:
            results[result.id] = result

    index = name_index(lib)
    entry_kinds = kinds - {"note"}
    if entry_kinds:
        for n in index.exact(folded):
            add(Result(n.slug, n.kind, n.title, _name_snippet(n), 0))
        for n in index.prefix(qwords):
            add(Result(n.slug, n.kind, n.title, _name_snippet(n), 1))
    match = fts_query(query)
    if match and entry_kinds and len(results) < limit:
        # A spoiler block has a row of its own: one the reader has not reached is left out
        # (never quoted), and so is the text of a character not met yet (its name still
        # finds it, above and below).
        place = reader_place(lib)
        for slug, kind, title, snippet, work, chapter in lib.conn.execute(
            "SELECT e.slug, e.kind, e.title,"
            f" snippet(entries_fts, 3, '{MARK_START}', '{MARK_END}', '…', 16),"
            " entries_fts.work, entries_fts.chapter"
            " FROM ref.entries_fts JOIN ref.entries e USING (slug)"
            " WHERE entries_fts MATCH ? ORDER BY bm25(entries_fts, 0, 10.0, 8.0, 1.0, 0, 0)"
            " LIMIT ?",
            (match, limit + SPOILER_ROWS),
        ):
            if not place.shows(work, chapter):
                continue
            if kind == "character" and not met(lib, slug, place):
                continue
            add(Result(slug, kind, title, _one_line(snippet), 2))
    if match and "note" in kinds and len(results) < limit:
        wanted = limit if kinds == {"note"} else LOOKUP_NOTES  # notes alone: as many as asked
        for result in search_notes(
            lib, query, limit=min(wanted, limit - len(results)), newest_first=True
        ):
            add(result)
    if entry_kinds and len(results) < limit:
        for _, n in index.near(qwords):
            add(Result(n.slug, n.kind, n.title, _name_snippet(n), 3))
    return list(results.values())


def _name_snippet(n: _Name) -> str:
    """The title, and the alias that matched when it was not the title."""
    return n.title if n.name in (n.title, n.slug) else f"{n.title} — also “{n.name}”"


def _one_line(snippet: str) -> str:
    return " ".join(snippet.split())


def search_notes(
    lib: Library,
    query: str,
    *,
    work: str | None = None,
    tag: str | None = None,
    kind: str | None = None,
    about: str | None = None,
    limit: int = 50,
    newest_first: bool = False,
) -> list[Result]:
    """Notes whose text matches, with the matches marked in a snippet: ranked with bm25, or
    the newest first, which costs the same for a word in most notes as for a rare one.

    (bm25 weighs each word by how few notes hold it, which for `the` means reading its list
    through; `ORDER BY rank` rather than `bm25()` lets the index sort, so that snippets
    are made for the rows returned only.)
    """
    match = fts_query(query)
    if not match:
        return []
    spellings = tag_spellings(lib, tag) if tag else None
    where, filters = note_filters(work=work, tag=spellings, kind=kind, about=about)
    params: dict[str, object] = {**filters, "match": match, "limit": limit}
    where.insert(0, "notes_fts MATCH :match")
    order = "notes_fts.rowid DESC" if newest_first else "rank"
    rows = lib.conn.execute(
        f"SELECT n.id, substr(n.body, 1, {TITLE_CHARS}),"
        f" snippet(notes_fts, 0, '{MARK_START}', '{MARK_END}', '…', 16)"
        " FROM notes_fts JOIN notes n ON n.id = notes_fts.rowid"
        f" WHERE {' AND '.join(where)} ORDER BY {order} LIMIT :limit",
        params,
    )
    return [
        Result(str(NoteRef(note_id)), "note", note_title(body), _one_line(snippet), 2)
        for note_id, body, snippet in rows
    ]
