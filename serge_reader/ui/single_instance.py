"""One app window per data folder: a second launch brings the first window forward and exits.

The first instance listens on a local socket named after the data folder (and the user), so
windows on different data folders never meet. A socket left by an instance that crashed
answers nobody: it is removed and taken over, and never blocks a start. If no socket can be
made at all, the app still starts, only without this.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

CONNECT_TIMEOUT_MS = 1000


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

    def claim(self) -> bool:
        """True when this process should open the window; False when another instance has
        the folder (it was asked to come forward)."""
        if self._ask_running():
            return False
        if self._listen():
            return True
        if self._ask_running():  # another launch claimed it a moment ago
            return False
        QLocalServer.removeServer(self.name)  # left by an instance that crashed
        self._listen()
        return True

    def _ask_running(self) -> bool:
        socket = QLocalSocket()
        socket.connectToServer(self.name)
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
