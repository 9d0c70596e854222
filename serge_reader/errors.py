"""The one exception type that carries a message meant for the reader."""


class UserError(Exception):
    """Something the reader asked for cannot be done; `str()` is one line that says why.

    The CLI prints it on stderr and exits 1; the GUI shows it in a message box. Anything else
    that escapes is a bug.
    """


class StorageError(UserError):
    """SQLite refused a write (busy, read-only, disk full, damaged), said in words; the
    transaction was rolled back, so nothing was changed."""
