"""Writing the reader's files outside the library (exports, backups) without ever harming one.

- `checked_target` refuses a place that would destroy something: the library, its `-wal`,
  `-shm` or `-journal`, any file the program keeps in the data folder or in `backups/`, a
  device, a pipe or a socket; it refuses a symbolic link, and any existing file, unless the
  reader agreed (`--force` on the command line, a confirmation in the window).
- `replacing` writes a file as a hidden temporary file beside it, flushed to disk, then
  renamed over the target: a full disk, a crash or a kill leaves the old file (or none) and
  never a half-written one. The temporary file is removed on failure, and one left by a
  killed run is removed by the next run that writes in that folder (`clean_leftovers`).
- Every file written is readable by its owner only (mode 600).
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from serge_reader.errors import UserError
from serge_reader.storage import sync_dir

TEMP_PREFIX = ".serge-part-"  # hidden temporary files, renamed into place when complete
# What exports made before this module left behind: tempfile.mkstemp's names.
OLD_TEMP_NAME = re.compile(r"^\.export-[a-z0-9_]{8}$")
LEFTOVER_AGE_S = 15 * 60  # a temporary file this old belongs to no run still writing
# Files beside the library that are part of it, or the program's own records of it.
LIBRARY_COMPANIONS = (
    *("", "-wal", "-shm", "-journal"),
    *("-closed", "-damaged", "-restoring", "-window"),  # -window: see serge_reader.locks
)


def _program_files(data_dir: Path, library: str) -> tuple[list[Path], list[Path]]:
    """(the library's own files, the folders whose existing files the program keeps)."""
    own = [data_dir / f"{library}{suffix}" for suffix in LIBRARY_COMPANIONS]
    return own, [data_dir, data_dir / "backups"]


def _same_file(a: os.stat_result, b: Path) -> bool:
    try:
        other = b.stat()
    except OSError:
        return False
    return (a.st_dev, a.st_ino) == (other.st_dev, other.st_ino)


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a symlink loop
        raise UserError(f"{path} is a symbolic link that leads nowhere") from None


def checked_target(
    path: Path,
    *,
    data_dir: Path,
    library: str = "library.db",
    force: bool = False,
    folder: bool = False,
) -> Path:
    """Where to write `path` (a file, or with `folder` a folder of files), after refusing
    what would destroy something. Returns the place to write: `path` itself, or the file a
    symbolic link leads to when `force` allows writing through it."""
    own, kept_in = _program_files(data_dir, library)
    resolved_own = {_resolved(p) for p in own}
    resolved_kept = {_resolved(p) for p in kept_in}
    try:
        link = path.lstat()
    except FileNotFoundError:
        link = None
    except OSError as exc:
        raise UserError(f"cannot write to {path}: {exc.strerror}") from None
    if link is not None and stat.S_ISLNK(link.st_mode):
        if not force:
            raise UserError(
                f"{path} is a symbolic link to {_resolved(path)}; give --force to write there"
            )
        path = _resolved(path)
    target = _resolved(path)
    if target in resolved_own:
        raise UserError(f"{path} is the library itself (or part of it); choose another file")
    if folder and target in resolved_kept:
        raise UserError(f"{path} is Serge Reader's data folder; choose another folder")
    try:
        st: os.stat_result | None = path.stat()
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise UserError(f"cannot write to {path}: {exc.strerror}") from None
    if st is None:
        return path
    if any(_same_file(st, p) for p in own):
        raise UserError(f"{path} is the library itself (or part of it); choose another file")
    if folder:
        if not stat.S_ISDIR(st.st_mode):
            raise UserError(f"{path} is a file; a Markdown export writes a folder")
        return path
    if stat.S_ISDIR(st.st_mode):
        raise UserError(f"{path} is a folder; give a file name")
    if not stat.S_ISREG(st.st_mode):
        raise UserError(f"{path} is a device, a pipe or a socket, not a file; choose a file")
    if target.parent in resolved_kept:
        raise UserError(
            f"{path} is a file Serge Reader keeps (a backup, or part of the library); "
            "choose another file"
        )
    if not force:
        raise UserError(f"{path} already exists; give --force to replace it")
    return path


def describe_os_error(exc: OSError) -> str:
    """One line for an error writing a file: a full disk is said in words."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return "the disk is full"
    return exc.strerror or str(exc)


def clean_leftovers(folder: Path, age: float = LEFTOVER_AGE_S) -> None:
    """Remove temporary files a killed run left in `folder` (never one a run still writes:
    only those untouched for `age` seconds)."""
    now = time.time()
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            if not (entry.name.startswith(TEMP_PREFIX) or OLD_TEMP_NAME.match(entry.name)):
                continue
            with contextlib.suppress(OSError):
                st = entry.stat(follow_symlinks=False)
                if stat.S_ISREG(st.st_mode) and now - st.st_mtime > age:
                    os.unlink(entry.path)


def temp_path(target: Path) -> Path:
    return target.with_name(f"{TEMP_PREFIX}{os.urandom(6).hex()}-{target.name}")


@contextlib.contextmanager
def replacing(target: Path, what: str = "the export") -> Iterator[IO[str]]:
    """A text file written whole or not at all (see the module's docstring); errors are one
    line naming `what`."""
    folder = target.parent if str(target.parent) else Path(".")
    clean_leftovers(folder)
    tmp = temp_path(target)
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError as exc:
        raise UserError(f"cannot write to {folder}: {describe_os_error(exc)}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UserError(
            f"cannot write {target} ({describe_os_error(exc)}); {what} was not written"
        ) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    sync_dir(folder)


def open_regular(path: Path, what: str, limit: int) -> tuple[int, int]:
    """An fd open for reading on a regular file of at most `limit` bytes, and its size;
    never a device, a pipe or a FIFO (read until memory runs out, or waited on for ever)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise UserError(f"no file {path}") from None
    except IsADirectoryError:
        raise UserError(f"{path} is a folder, not {what}") from None
    except OSError as exc:
        raise UserError(f"cannot read {path}: {exc.strerror}") from None
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        if stat.S_ISDIR(st.st_mode):
            raise UserError(f"{path} is a folder, not {what}")
        raise UserError(f"{path} is a device, a pipe or a socket, not a file; nothing was read")
    if st.st_size > limit:
        os.close(fd)
        raise UserError(
            f"{path} is too large to be {what} ({st.st_size // 2**20} MB; "
            f"the limit is {limit // 2**20} MB); nothing was read"
        )
    return fd, st.st_size


def read_bytes(path: Path, what: str, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes (see `open_regular`)."""
    fd, _ = open_regular(path, what, limit)
    with os.fdopen(fd, "rb") as f:
        try:
            content = f.read(limit + 1)
        except OSError as exc:
            raise UserError(f"cannot read {path}: {exc.strerror}") from None
    if len(content) > limit:
        raise UserError(f"{path} is too large to be {what}; nothing was read")
    return content
