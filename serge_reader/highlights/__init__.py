"""Highlights and notes made on e-readers: Kindle's clippings, KOReader's sidecars, Kobo's
database, read into one `Source` (Qt-free, library-free).

`read_source` tells the format by itself when not told; `merge` matches the books to works
and takes the marks into the library.
"""

from __future__ import annotations

from pathlib import Path

from serge_reader.errors import UserError
from serge_reader.highlights.model import DEVICES, MAX_TEXT_BYTES, Book, Mark, Report, Source

__all__ = ["DEVICES", "Book", "Mark", "Source", "detect", "read_source"]


def detect(path: Path) -> str:
    """Which device wrote `path` (a file, or a device's folder); UserError if none."""
    from serge_reader.highlights import kindle, kobo, koreader, koreader_export

    if path.is_dir():
        if (path / ".kobo" / "KoboReader.sqlite").is_file() or (
            path / "KoboReader.sqlite"
        ).is_file():
            return "kobo"
        for clippings in (path / "documents" / "My Clippings.txt", path / "My Clippings.txt"):
            if clippings.is_file():
                return "kindle"
        if koreader.sidecars(path):
            return "koreader"
        raise UserError(f"no Kindle, KOReader or Kobo annotations found in {path}")
    if koreader.is_sidecar(path):
        return "koreader"
    head, size = _head(path)
    if kobo.looks_like(head):
        return "kobo"
    if size > MAX_TEXT_BYTES:
        raise UserError(
            f"{path} is too large to be an e-reader's annotations ({size // 2**20} MB); "
            "nothing was read"
        )
    if b"\x00" in head:
        raise UserError(f"{path} is a binary file, not an e-reader's annotations")
    text = head.decode("utf-8", "ignore")
    if koreader_export.is_export(path, text):
        return "koreader"
    if kindle.SEPARATOR in text:
        return "kindle"
    if text.lstrip("\ufeff \t\r\n").startswith(("return", "--", "{")):
        return "koreader"
    raise UserError(
        f"cannot tell which e-reader wrote {path} (say it with --from kindle, koreader or kobo)"
    )


def _head(path: Path, size: int = 65536) -> tuple[bytes, int]:
    import os

    from serge_reader.safe_files import open_regular

    fd, total = open_regular(path, "an e-reader's annotations", 2**62)
    with os.fdopen(fd, "rb") as f:
        try:
            return f.read(size), total
        except OSError as exc:
            raise UserError(f"cannot read {path}: {exc.strerror}") from None


def read_source(path: Path, device: str | None = None, report: Report | None = None) -> Source:
    """Everything marked in `path`, as the device (`kindle`, `koreader`, `kobo`, or None to
    tell by the file) wrote it. UserError, in one line, for a file it cannot read."""
    from serge_reader.highlights import kindle, kobo, koreader

    device = device or detect(path)
    if device == "kindle":
        if path.is_dir():
            for clippings in (path / "documents" / "My Clippings.txt", path / "My Clippings.txt"):
                if clippings.is_file():
                    path = clippings
                    break
        return kindle.read(path, report)
    if device == "koreader":
        return koreader.read(path, report)
    if device == "kobo":
        return kobo.read(path, report)
    raise UserError(f"unknown e-reader '{device}' (kindle, koreader or kobo)")
