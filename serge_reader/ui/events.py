"""The window's one way to change the library, and its one change channel.

`LibraryEvents.run` calls an operation (`serge_reader.operations`), tells the reader once, in
words, when it was refused, and announces its `Change` on `changed`. Changes made by another
program (the CLI, a second window) are found by polling SQLite's `data_version`, a counter
that moves only when another connection commits, and announced as `Change.all()`. Views
subscribe to `changed` and decide what to reload; no view is refreshed by hand from another.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal

from serge_reader.changes import Change
from serge_reader.errors import UserError
from serge_reader.library import Library

if TYPE_CHECKING:  # the operations are imported by the widgets that run them, when they do
    from serge_reader.operations import Done

T = TypeVar("T")
EXTERNAL_CHANGE_POLL_MS = 2000  # the README promises that CLI changes show within 2 s


class LibraryEvents(QObject):
    changed = Signal(object)  # a Change, after every write
    refused = Signal(str, str)  # a title and the one-line reason a change was not made

    def __init__(self, lib: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lib = lib
        self.last_data_version = lib.data_version()
        self.poll = QTimer(self)
        self.poll.setInterval(EXTERNAL_CHANGE_POLL_MS)
        self.poll.timeout.connect(self.check_outside_changes)
        self.poll.start()

    def run(
        self, title: str, operation: Callable[..., Done[T]], *args: Any, **kwargs: Any
    ) -> T | None:
        """Run `operation(lib, *args, **kwargs)`; its value, or None when it was refused
        (the reader has been told why under `title`)."""
        try:
            done = operation(self.lib, *args, **kwargs)
        except UserError as exc:
            self.refused.emit(title, str(exc))
            return None
        self.announce(done.change)
        return done.value

    def announce(self, change: Change) -> None:
        # A write of this connection does not move data_version; a restore or another
        # program's write in the meantime does, and this change covers it (`everything`).
        if change.everything:
            self.last_data_version = self.lib.data_version()
        self.changed.emit(change)

    def check_outside_changes(self) -> None:
        """Announce what another program changed since the last look."""
        try:
            version = self.lib.data_version()
        except sqlite3.Error:  # the library is being replaced (a restore): look again later
            return
        if version != self.last_data_version:
            self.last_data_version = version
            self.changed.emit(Change.all())

    def stop(self) -> None:
        self.poll.stop()
