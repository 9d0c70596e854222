"""Work on the library off the window's thread: one job, on its own connection (a connection
is not shared between threads), reporting by `finished`; the owner then reads `result`, or
`error`, one line for the reader."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QThread

from serge_reader.errors import UserError
from serge_reader.library import Library


class LibraryJob(QThread):
    def __init__(self, lib: Library, work: Callable[[Library], object]) -> None:
        """`lib` is the job's own connection (`Library.alongside`), closed when it is done."""
        super().__init__()
        self.lib = lib
        self.work = work
        self.result: object = None
        self.error: str | None = None

    def run(self) -> None:
        try:
            self.result = self.work(self.lib)
        except UserError as exc:
            self.error = str(exc)
        finally:
            self.lib.close()
