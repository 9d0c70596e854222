"""Locks between Serge Reader processes on one data folder, held by the operating system
(`flock`), so that they go with a process however it ends: a lock never outlives a crash.

- The swap lock, on the data folder itself: every opening of the library holds it shared
  while it finishes or undoes a killed restore and opens the file; a restore holds it
  exclusive while it replaces the library. So no program opens the library halfway through
  a restore (finding it missing, or about to be moved from under it), and a restore that
  finds the library open is refused rather than moving it from under its user.
- The window lock, `library.db-window` beside the library: held by the app's window for its
  whole life, so that a second window on the same library is refused however it was started
  (another `TMPDIR`, another `HOME`, the folder reached through a symbolic link). The file
  holds the address of the window's local socket, through which a later start asks it to
  come forward.

On Windows the swap lock is not taken (a folder cannot be locked there); the window lock is
a byte-range lock (`msvcrt.locking`) far past the address written in the file.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

WINDOW_LOCK_SUFFIX = "-window"  # library.db-window
POLL_S = 0.02
_BUSY = (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES)
_WIN_LOCK_OFFSET = 1 << 30  # the byte locked on Windows, clear of the address before it


def _try_flock(fd: int, *, shared: bool) -> bool | None:
    """True when locked, False when another process holds it, None when this file system
    cannot lock it at all (some network file systems): then nothing is locked."""
    if sys.platform == "win32":
        return None
    import fcntl

    try:
        fcntl.flock(fd, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
    except OSError as exc:
        return False if exc.errno in _BUSY else None
    return True


def wait_flock(fd: int, *, shared: bool, wait_s: float) -> bool:
    """Lock `fd`, waiting up to `wait_s` for another process to let go; False when it did not
    (a file system that cannot lock counts as locked)."""
    deadline = time.monotonic() + wait_s
    while True:
        got = _try_flock(fd, shared=shared)
        if got is not False:
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(POLL_S)


@contextlib.contextmanager
def swap_lock(data_dir: Path, *, shared: bool, wait_s: float) -> Iterator[bool]:
    """The data folder's swap lock (see the module's text), waiting up to `wait_s`; yields
    False when it could not be had in that time (and then holds nothing)."""
    try:
        fd = os.open(data_dir, os.O_RDONLY)
    except OSError:
        yield True  # no folder to lock (the opening says what is wrong with it)
        return
    try:
        yield wait_flock(fd, shared=shared, wait_s=wait_s)
    finally:
        os.close(fd)  # and with it the lock


def window_lock_path(library: Path) -> Path:
    return Path(f"{library}{WINDOW_LOCK_SUFFIX}")


class WindowLock:
    """The window lock of one library (see the module's text)."""

    def __init__(self, library: Path) -> None:
        self.path = window_lock_path(library)
        self.fd: int | None = None

    def acquire(self) -> bool | None:
        """True when this process now holds the library's window lock; False when another
        process holds it; None when there is no lock to be had here (the folder cannot be
        written, or the file system cannot lock), and the caller goes on without it."""
        try:
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            return None
        if sys.platform == "win32":
            got: bool | None = _lock_windows(fd)
        else:
            got = _try_flock(fd, shared=False)
        if got:
            self.fd = fd
        else:
            os.close(fd)
        return got

    def publish(self, address: str) -> None:
        """Write where the window listens (its local socket's full name) for later starts."""
        if self.fd is None:
            return
        with contextlib.suppress(OSError):  # only ever a convenience: the lock is what counts
            data = address.encode("utf-8", "surrogatepass")
            os.ftruncate(self.fd, 0)
            os.lseek(self.fd, 0, os.SEEK_SET)
            os.write(self.fd, data)

    def address(self) -> str | None:
        """Where the window holding the lock listens, as it wrote it; None when unknown."""
        try:
            with self.path.open("rb") as f:
                data = f.read(4096).rstrip(b"\0")
        except OSError:
            return None
        text = data.decode("utf-8", "surrogatepass") if data else ""
        return text or None

    def release(self) -> None:
        if self.fd is not None:
            os.close(self.fd)  # and with it the lock; the file stays, for the next window
            self.fd = None


def _lock_windows(fd: int) -> bool:
    if sys.platform != "win32":  # for the type checker: this is only ever called there
        return False
    import msvcrt

    try:
        os.lseek(fd, _WIN_LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    except OSError:
        return False
    finally:
        with contextlib.suppress(OSError):
            os.lseek(fd, 0, os.SEEK_SET)
    return True
