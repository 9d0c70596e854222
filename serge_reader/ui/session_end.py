"""The session ending is a window closing: what the reader typed is saved (and sent to the
sync folder, within a few seconds: `AutoSync.stop`), then the program exits.

SIGTERM (logout, shutdown, `kill`), SIGINT (Ctrl+C in the terminal that started it), SIGHUP
(that terminal closed) and the session manager's request to save all end like a window
closed by hand. Python runs a signal handler only between two of its own instructions, and
while Qt's event loop waits in C++ none run: `signal.set_wakeup_fd` writes a byte to a
socket when a signal arrives, and a `QSocketNotifier` watching the other end wakes the event
loop at once.
"""

from __future__ import annotations

import contextlib
import signal
import socket
from types import FrameType
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSocketNotifier
from PySide6.QtGui import QSessionManager
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from serge_reader.ui.main_window import MainWindow

SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGINT", "SIGHUP") if hasattr(signal, name)
)


class SessionEnd(QObject):
    def __init__(self, app: QApplication, window: MainWindow) -> None:
        super().__init__(window)
        self.app = app
        self.window = window
        self.reading_end, self.writing_end = socket.socketpair()
        for end in (self.reading_end, self.writing_end):
            end.setblocking(False)
        self.previous_fd = signal.set_wakeup_fd(self.writing_end.fileno())
        self.previous = {sig: signal.signal(sig, _noted) for sig in SIGNALS}
        self.notifier = QSocketNotifier(self.reading_end.fileno(), QSocketNotifier.Type.Read, self)
        self.notifier.activated.connect(self._signalled)
        app.commitDataRequest.connect(self._save_for_session)

    def _signalled(self) -> None:
        with contextlib.suppress(OSError):
            self.reading_end.recv(64)
        self.window.close()  # saves, as when the reader closes it
        self.app.quit()  # even if the note could not be saved: the session is ending

    def _save_for_session(self, _manager: QSessionManager) -> None:
        """The session manager may end the program without closing the window: what was
        typed is saved, and sent to the sync folder (within a few seconds); a window already
        closed did both as it closed, and its library is being closed."""
        if not self.window.closed and self.window.save_state() and self.window.sync is not None:
            self.window.sync.send_waiting()

    def restore(self) -> None:
        """Give the signals back (the event loop is over)."""
        for sig, handler in self.previous.items():
            signal.signal(sig, handler)
        signal.set_wakeup_fd(self.previous_fd)
        self.notifier.setEnabled(False)
        self.reading_end.close()
        self.writing_end.close()


def _noted(_signum: int, _frame: FrameType | None) -> None:
    """The signal is acted on by `SessionEnd._signalled`, woken through the wakeup socket."""
