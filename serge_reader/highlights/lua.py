"""A reader of Lua table literals, as KOReader writes its `metadata.*.lua` sidecars.

Only data is read: tables, strings, numbers, `true`, `false` and `nil`, after an optional
`return` and comments. Anything else (a function call, an operator, a variable) is code and
is refused with `LuaError`; nothing is ever run.
"""

from __future__ import annotations

import re
from typing import Any

MAX_DEPTH = 64  # KOReader nests four or five deep


class LuaError(ValueError):
    """The text is not a Lua table literal."""


_SPACE = re.compile(r"(?:\s+|--\[(=*)\[.*?\]\1\]|--[^\n]*)*", re.DOTALL)
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_NUMBER = re.compile(r"0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_LONG_OPEN = re.compile(r"\[(=*)\[")
_KEYWORDS = {"true": True, "false": False, "nil": None}
_ESCAPES = {
    "n": "\n",
    "t": "\t",
    "r": "\r",
    "a": "\a",
    "b": "\b",
    "f": "\f",
    "v": "\v",
    "\\": "\\",
    '"': '"',
    "'": "'",
    "\n": "\n",
}


def loads(text: str) -> Any:
    """The value of a Lua file that returns one table literal (or is one)."""
    return _Parser(text).document()


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.i = 0

    def fail(self, what: str) -> LuaError:
        line = self.text.count("\n", 0, self.i) + 1
        return LuaError(f"line {line}: {what}")

    def skip(self) -> None:
        m = _SPACE.match(self.text, self.i)
        if m:
            self.i = m.end()
        if self.text.startswith("--[", self.i) and _LONG_OPEN.match(self.text, self.i + 2):
            raise self.fail("an unfinished comment")

    def peek(self) -> str:
        self.skip()
        return self.text[self.i : self.i + 1]

    def expect(self, char: str) -> None:
        if self.peek() != char:
            found = self.text[self.i : self.i + 20].split("\n")[0] or "the end"
            raise self.fail(f"'{char}' expected, found '{found}' (only a table literal is read)")
        self.i += 1

    def document(self) -> Any:
        self.skip()
        m = _NAME.match(self.text, self.i)
        if m and m.group() == "return":
            self.i = m.end()
        value = self.value(0)
        self.skip()
        if self.i != len(self.text):
            raise self.fail("something follows the table (only a table literal is read)")
        return value

    def value(self, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise self.fail("tables nested too deeply")
        c = self.peek()
        if c == "{":
            return self.table(depth + 1)
        if c in "\"'":
            return self.string(c)
        if c == "[" and _LONG_OPEN.match(self.text, self.i):
            return self.long_string()
        if c == "-":
            self.i += 1
            number = self.value(depth + 1)
            if isinstance(number, bool) or not isinstance(number, int | float):
                raise self.fail("'-' before something not a number")
            return -number
        m = _NUMBER.match(self.text, self.i)
        if m and c and (c.isdigit() or c == "."):
            self.i = m.end()
            if _NAME.match(self.text, self.i):
                raise self.fail("a malformed number")
            token = m.group()
            if token[:2].lower() == "0x":
                return int(token, 16)
            if re.fullmatch(r"\d+", token):
                if len(token) > 30:
                    raise self.fail("a number too long")
                return int(token)
            return float(token)
        m = _NAME.match(self.text, self.i)
        if m and m.group() in _KEYWORDS:
            self.i = m.end()
            return _KEYWORDS[m.group()]
        found = self.text[self.i : self.i + 20].split("\n")[0] or "the end"
        raise self.fail(f"'{found}' is not a value (only a table literal is read)")

    def table(self, depth: int) -> dict[Any, Any]:
        self.expect("{")
        out: dict[Any, Any] = {}
        n = 0
        while True:
            c = self.peek()
            if c == "}":
                self.i += 1
                return out
            if c == "[" and not _LONG_OPEN.match(self.text, self.i):
                self.i += 1
                key = self.value(depth)
                if key is None or isinstance(key, dict):
                    raise self.fail("a table key that is not a string or number")
                self.expect("]")
                self.expect("=")
                out[key] = self.value(depth)
            else:
                m = _NAME.match(self.text, self.i)
                if m and m.group() not in _KEYWORDS:
                    self.i = m.end()
                    self.expect("=")  # `name = value`; a bare name would be a variable
                    out[m.group()] = self.value(depth)
                else:
                    n += 1
                    out[n] = self.value(depth)
            c = self.peek()
            if c in (",", ";"):
                self.i += 1
            elif c != "}":
                raise self.fail("',' or '}' expected (only a table literal is read)")

    def string(self, quote: str) -> str:
        self.i += 1
        text = self.text
        parts: list[str] = []
        start = self.i
        while True:
            if self.i >= len(text):
                raise self.fail("an unfinished string")
            c = text[self.i]
            if c == quote:
                parts.append(text[start : self.i])
                self.i += 1
                return "".join(parts)
            if c == "\n":
                raise self.fail("an unfinished string")
            if c != "\\":
                self.i += 1
                continue
            parts.append(text[start : self.i])
            self.i += 1
            e = text[self.i : self.i + 1]
            if e in _ESCAPES:
                parts.append(_ESCAPES[e])
                self.i += 1
            elif e.isdigit():
                m = re.compile(r"\d{1,3}").match(text, self.i)
                assert m is not None
                code = int(m.group())
                if code > 255:
                    raise self.fail("a bad escape in a string")
                parts.append(chr(code))  # a byte; see _bytes_to_text
                self.i = m.end()
            elif e == "x":
                m = re.compile(r"[0-9a-fA-F]{2}").match(text, self.i + 1)
                if not m:
                    raise self.fail("a bad escape in a string")
                parts.append(chr(int(m.group(), 16)))
                self.i = m.end()
            elif e == "z":
                m = re.compile(r"\s*").match(text, self.i + 1)
                self.i = m.end() if m else self.i + 1
            elif e == "u":
                m = re.compile(r"\{([0-9a-fA-F]{1,6})\}").match(text, self.i + 1)
                if not m or int(m.group(1), 16) > 0x10FFFF:
                    raise self.fail("a bad escape in a string")
                parts.append(chr(int(m.group(1), 16)))
                self.i = m.end()
            else:
                raise self.fail("a bad escape in a string")
            start = self.i

    def long_string(self) -> str:
        m = _LONG_OPEN.match(self.text, self.i)
        assert m is not None
        close = "]" + m.group(1) + "]"
        end = self.text.find(close, m.end())
        if end < 0:
            raise self.fail("an unfinished long string")
        body = self.text[m.end() : end]
        self.i = end + len(close)
        return body[1:] if body.startswith("\n") else body


def sequence(table: object) -> list[Any]:
    """The values of a Lua sequence ({[1] = a, [2] = b}) in order; [] for anything else."""
    if isinstance(table, list):
        return table
    if not isinstance(table, dict):
        return []
    keys = sorted(k for k in table if isinstance(k, int) and not isinstance(k, bool))
    return [table[k] for k in keys]
