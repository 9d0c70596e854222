"""One app window per library: a second launch brings the first window forward and exits.

The window holds the library's window lock (`library.db-window` beside it, see
`serge_reader.locks`) for its whole life, so a second window on the same library is refused
however it was started: another `TMPDIR` or `HOME`, the folder reached by another path. The
first window listens on a local socket and writes its full address into the lock file; a
later launch connects to it, which asks the window to come forward. When the window holding
the lock cannot be reached, the later launch says in one line that the library is open in
another Serge Reader, and opens nothing. A lock (or a socket) left by an instance that
crashed holds nothing: the operating system let go of the lock with the process. If no lock
can be had at all (a file system that cannot lock), the socket alone keeps one window per
data folder and user.

The lock alone decides who is first, so the window that has it may start listening after
its first paint (`claim(listen=False)`, then `listen()`): a later launch meanwhile waits for
its address, as for any window still starting. QtNetwork is imported only when a socket is
used, which a start that finds no other window does not do before it paints.
"""

from __future__ import annotations

import hashlib
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDir, QObject, Signal

from serge_reader.errors import UserError
from serge_reader.locks import WindowLock
from serge_reader.storage import LIBRARY_FILE

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer

CONNECT_TIMEOUT_MS = 1000
HELD_WAIT_S = 5.0  # how long a launch waits for a window that holds the lock to answer (one
# still starting answers from its first paint on)


def server_name(data_dir: Path) -> str:
    key = f"{Path.home()}\0{data_dir.expanduser().resolve()}"
    return "serge-reader-" + hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]


class SingleInstance(QObject):
    """Claims a data folder for this process; `activated` when a later launch asks for it."""

    activated = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = server_name(data_dir)
        self.server: QLocalServer | None = None
        self.library = data_dir / LIBRARY_FILE
        self.lock = WindowLock(self.library)

    def claim(self, *, listen: bool = True) -> bool:
        """True when this process should open the window; False when another instance has
        the library (it was asked to come forward). Raises `UserError` when another instance
        has it but does not answer. With `listen=False`, later launches are answered only
        from `listen()` on (when a lock holds the library; without one, at once)."""
        held = self.lock.acquire()
        if held is None:  # no lock to be had here: the socket alone
            return self._claim_by_socket()
        deadline = time.monotonic() + HELD_WAIT_S
        while not held:
            address = self.lock.address()
            if address is not None and self._ask_running(address):
                return False
            if time.monotonic() >= deadline:
                raise UserError(
                    f"the library {self.library} is open in another Serge Reader, which does "
                    "not answer; close it (or end it), then start again"
                )
            time.sleep(0.05)  # it may be starting, its address not written yet
            held = self.lock.acquire()  # or ending
        if self._may_listen_unlocked() and self._ask_running():
            self.lock.release()  # a window of an earlier version, which took no lock
            return False
        self.lock.publish("")  # an address left by a window that was killed is no one's
        if listen:
            self.listen()
        return True

    def listen(self) -> None:
        """Answer later launches: listen under this folder's name (a socket under it with
        the lock held here was left by a crashed window) and write the address by the lock."""
        if self.server is not None:
            return
        from PySide6.QtNetwork import QLocalServer

        if not self._listen():
            QLocalServer.removeServer(self.name)
            self._listen()
        if self.server is not None:
            self.lock.publish(self.server.fullServerName())

    def _may_listen_unlocked(self) -> bool:
        """Whether a window may be listening under this folder's name: on Unix its socket
        is a file in the temporary folder, so where there is none, no window of an earlier
        version (which took no lock) has this library, and no connection need be tried."""
        if sys.platform == "win32":
            return True  # a named pipe: only trying tells
        return os.path.exists(os.path.join(QDir.tempPath(), self.name))

    def _claim_by_socket(self) -> bool:
        from PySide6.QtNetwork import QLocalServer

        if self._ask_running():
            return False
        if self._listen():
            return True
        if self._ask_running():  # another launch claimed it a moment ago
            return False
        QLocalServer.removeServer(self.name)  # left by an instance that crashed
        self._listen()
        return True

    def _ask_running(self, address: str | None = None) -> bool:
        from PySide6.QtNetwork import QLocalSocket

        socket = QLocalSocket()
        socket.connectToServer(address or self.name)
        if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
            return False
        socket.disconnectFromServer()  # the connection itself is the request
        return True

    def _listen(self) -> bool:
        from PySide6.QtNetwork import QLocalServer

        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            server.deleteLater()
            return False
        server.newConnection.connect(self._on_connection)
        self.server = server
        return True

    def _on_connection(self) -> None:
        assert self.server is not None
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            socket.disconnected.connect(socket.deleteLater)
            socket.disconnectFromServer()
            self.activated.emit()

    def release(self) -> None:
        """Stop answering (the window is closing): a later launch opens its own window."""
        if self.server is not None:
            self.server.close()
            self.server = None
        self.lock.release()
