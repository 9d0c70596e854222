"""One clock for the whole program: moments are stored in UTC, days are the reader's own.

A stamp (`2026-12-01T21:20:15Z`) says when something happened anywhere; "today", a streak or
a week is a day of the reader's calendar, in the time zone of the computer they read on. A
reader in California reading at 19:00 has read *today*, though it is already tomorrow in UTC.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

STAMP_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


def now_iso() -> str:
    """The current moment as stored: UTC, to the second."""
    return datetime.now(UTC).strftime(STAMP_FORMAT)


def moment(stamp: str) -> datetime:
    """A stored stamp as an aware moment in the reader's time zone."""
    return datetime.strptime(stamp, STAMP_FORMAT).replace(tzinfo=UTC).astimezone()


def local_day(stamp: str) -> date:
    """The reader's calendar day on which a stored moment fell."""
    return moment(stamp).date()


def today() -> date:
    """The reader's calendar day now."""
    return datetime.now().astimezone().date()
