"""One search over the reference content and the reader's notes, ranked as a reader expects.

Order of results: an exact title or alias; then titles and aliases that start with what was
typed (word by word, so `left opp` finds the Left Opposition); then full-text matches ranked
with bm25 (entries, then notes); then near misses that tolerate a typo (`Okrana`). Case and
accents never matter. What the reader types is turned into quoted FTS5 tokens joined by
operators written here (`OR`, `NOT`, `-word`, `word*`, parentheses: see `fts_query`), so that
quotes, colons or an unbalanced parenthesis can never raise an error.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from serge_reader.entries import entry_kind, entry_title, met, reader_place, resolve_name
from serge_reader.i18n import _
from serge_reader.library import Library
from serge_reader.notes import NoteFilter, NoteRef, note_title
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
    """The reader's text as a safe FTS5 query; None when nothing searchable is left (then
    `query_problem` says why).

    Words are found in any order (`police terror`); a quoted phrase as written; `OR` between
    words finds either, `NOT word` or `-word` leaves out what holds it, `word*` finds every
    word that starts so, and parentheses group. Anything else is a word: every word and
    phrase is quoted, and the operators are written here, never taken from the text, so no
    input can make an invalid query. With `prefix`, the word being typed (the last, when no
    space or quote follows it) is a prefix once it has three letters; a prefix matches every
    word that starts so: a shorter one would merge the lists of thousands of words, and the
    notes index keeps three-letter prefixes ready (see migrations).
    """
    return _Query(text[:MAX_QUERY_CHARS], prefix).parse()[0]


def query_problem(text: str) -> str | None:
    """Why a query finds nothing whatever the notes hold, in words (None when it can run)."""
    if not text.strip():
        return None
    return _Query(text[:MAX_QUERY_CHARS], False).parse()[1]


_TOKEN = re.compile(r'"([^"]*)"?|([()])|([^\s()"]+)')
_OPERATORS = ("OR", "AND", "NOT")
PREFIX_STAR = 2  # letters before a `*` typed by the reader


class _Query:
    """A small parser: or := and ("OR" and)*; and := ["NOT" | "-"] atom ...; atom := word,
    phrase or "(" or ")". Unbalanced parentheses and a stray operator are passed over."""

    def __init__(self, text: str, prefix: bool) -> None:
        self.tokens: list[tuple[str, str]] = []  # (kind, text): word, phrase, op, open, close
        for m in _TOKEN.finditer(text):
            if m.group(1) is not None:
                self.tokens.append(("phrase", m.group(1)))
            elif m.group(2):
                self.tokens.append(("open" if m.group(2) == "(" else "close", m.group(2)))
            elif m.group(3) in _OPERATORS:
                self.tokens.append(("op", m.group(3)))
            else:
                self.tokens.append(("word", m.group(3)))
        self.typing = prefix and bool(text) and not text[-1].isspace() and not text.endswith('"')
        self.at = 0
        self.problem: str | None = None

    def parse(self) -> tuple[str | None, str | None]:
        match = self._or()
        while self.at < len(self.tokens):  # a stray `)`: carry on after it
            self.at += 1
            more = self._or()
            # FTS5 takes no implicit AND beside a parenthesis: always write it out
            match = f"({match} AND {more})" if match and more else match or more
        if match is None and self.problem is None:
            self.problem = "nothing to search for: type a word (word* finds the words starting so)"
        return (match, None) if match else (None, self.problem)

    def _peek(self) -> tuple[str, str] | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def _or(self) -> str | None:
        parts = [self._and()]
        while (token := self._peek()) is not None and token == ("op", "OR"):
            self.at += 1
            parts.append(self._and())
        kept = [p for p in parts if p]
        if len(kept) > 1:
            return "(" + " OR ".join(kept) + ")"
        return kept[0] if kept else None

    def _and(self) -> str | None:
        wanted: list[str] = []
        unwanted: list[str] = []
        left_out = ""
        while (token := self._peek()) is not None and token[0] != "close" and token != ("op", "OR"):
            self.at += 1
            negative = token == ("op", "NOT")
            typed = "NOT " if negative else ""
            if token[0] == "op":
                if negative and (token := self._peek()) is not None and token[0] != "close":
                    self.at += 1
                else:
                    continue  # AND is what words are anyway; a NOT with nothing after it
            kind, text = token
            typed += text
            if kind == "word" and text.startswith("-") and len(text) > 1:
                negative, text = True, text[1:]
            if kind == "open":
                operand = self._or()
                if self._peek() is not None:
                    self.at += 1  # its `)`
            else:
                last = self.at == len(self.tokens) and not negative
                operand = self._operand(kind, text, last=last)
            if operand:
                (unwanted if negative else wanted).append(operand)
                if negative:
                    left_out = typed
        if unwanted and not wanted:
            self.problem = (
                f"“{left_out}” leaves out what other words find: give a word to find as well,"
                f" as in “police {left_out}”"
            )
            return None
        if not wanted:
            return None
        match = wanted[0] if len(wanted) == 1 else "(" + " AND ".join(wanted) + ")"
        if unwanted:
            left_out = unwanted[0] if len(unwanted) == 1 else "(" + " OR ".join(unwanted) + ")"
            match += " NOT " + left_out
        return match

    def _operand(self, kind: str, text: str, *, last: bool) -> str | None:
        star = kind == "word" and text.endswith("*")
        found = words(text)
        if not found:
            return None
        typed_prefix = star and len(found[-1]) >= PREFIX_STAR
        being_typed = kind == "word" and last and self.typing
        prefix = typed_prefix or (being_typed and len(found[-1]) >= PREFIX_LETTERS)
        return '"' + " ".join(found) + '"' + ("*" if prefix else "")


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
            add(Result(slug, kind, title, readable_snippet(lib, _one_line(snippet)), 2))
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
    """The alias that matched, when it was not the title (the row shows the title anyway:
    "Okhrana — Okhrana — also …" said it twice)."""
    return "" if n.name in (n.title, n.slug) else _("also “{name}”").format(name=n.name)


_MARKS = f"{MARK_START}{MARK_END}"
# A wiki-link, whole or cut by the snippet at either end: [[target|label]], [[target, target]].
_SNIPPET_LINK = re.compile(
    r"\[\[([^\[\]|\n]*)(?:\|([^\[\]\n]*))?(?:\]\]|$)|^([^\[\]|\n]*?)(?:\|([^\[\]\n]*))?\]\]"
)
_SLUG = re.compile(r"[\ue000]?[a-z0-9]+(?:-[a-z0-9]+)+[\ue001]?")
_MD_LINK = re.compile(r"\[([^\[\]\n]*)\]\([^()\s]*\)")
_EMPHASIS = re.compile(r"(?<![\w*_])[*_]{1,3}(?=[^\s*_])|(?<=[^\s*_])[*_]{1,3}(?![\w*_])|`+")
_LINE_MARKS = re.compile(r"(?:^|(?<=\s))(?:#{1,6}|>)\s+")


def readable_snippet(lib: Library, snippet: str) -> str:
    """A snippet of markdown as a reader reads it: a wiki-link as the words it shows (a
    slug as its entry's title), a link as its text, no emphasis marks or backticks; the
    match marks are kept."""

    def link(m: re.Match[str]) -> str:
        target = m.group(1) if m.group(1) is not None else m.group(3) or ""
        label = m.group(2) if m.group(1) is not None else m.group(4)
        if label:
            return label
        whole = m.group(0).startswith("[[") and m.group(0).endswith("]]")
        bare = target.strip(_MARKS)
        slug = resolve_name(lib, bare) if whole else None
        if slug is None or bare != slug:
            return target
        title = entry_title(lib, slug)
        return f"{MARK_START}{title}{MARK_END}" if bare != target else title

    def slug(m: re.Match[str]) -> str:
        bare = m.group(0).strip(_MARKS)
        if _MARKS[0] in bare or _MARKS[1] in bare or entry_kind(lib, bare) is None:
            return m.group(0)
        title = entry_title(lib, bare)
        return f"{MARK_START}{title}{MARK_END}" if bare != m.group(0) else title

    text = _SNIPPET_LINK.sub(link, snippet)
    text = _SLUG.sub(slug, text)  # the index holds a link's target: `see marseille-and-flight`
    text = _MD_LINK.sub(r"\1", text)
    return _LINE_MARKS.sub("", _EMPHASIS.sub("", text))


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
    where, filters = NoteFilter(work, tag, kind, about).where(lib)
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
        Result(
            str(NoteRef(note_id)),
            "note",
            note_title(body),
            readable_snippet(lib, _one_line(snippet)),
            2,
        )
        for note_id, body, snippet in rows
    ]
