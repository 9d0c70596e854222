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
"""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from serge_reader.errors import UserError
from serge_reader.locks import WindowLock
from serge_reader.storage import LIBRARY_FILE

CONNECT_TIMEOUT_MS = 1000
HELD_WAIT_S = 2.0  # how long a launch waits for a window that holds the lock to answer


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

    def claim(self) -> bool:
        """True when this process should open the window; False when another instance has
        the library (it was asked to come forward). Raises `UserError` when another instance
        has it but does not answer."""
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
        if self._ask_running():  # a window of an earlier version, which took no lock
            self.lock.release()
            return False
        # This process alone has the library: a socket under its name is a crashed one's.
        if not self._listen():
            QLocalServer.removeServer(self.name)
            self._listen()
        if self.server is not None:
            self.lock.publish(self.server.fullServerName())
        return True

    def _claim_by_socket(self) -> bool:
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
        socket = QLocalSocket()
        socket.connectToServer(address or self.name)
        if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
            return False
        socket.disconnectFromServer()  # the connection itself is the request
        return True

    def _listen(self) -> bool:
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
