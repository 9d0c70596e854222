"""Where the program finds its shipped files and keeps the reader's data."""

from __future__ import annotations

import os
from pathlib import Path

import appdirs

APP_NAME = "serge-reader"
DATA_DIR_ENV = "SERGE_READER_DATA_DIR"
PACKAGE_DIR = Path(__file__).resolve().parent


def _shipped(relative: str) -> Path:
    """A shipped file: inside the installed package, else at the top of a source checkout."""
    installed = PACKAGE_DIR / relative
    if installed.exists():
        return installed
    return PACKAGE_DIR.parent / relative


def reference_db_path() -> Path:
    return _shipped("data/serge.db")


def resources_dir() -> Path:
    return _shipped("resources")


def content_dir() -> Path:
    return resources_dir() / "content"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The reader's data folder: `--data-dir`, then the environment, then the platform's place."""
    if override is not None:
        if not str(override).strip():
            from serge_reader.errors import UserError

            raise UserError("--data-dir was given an empty name; give a folder")
        return Path(override).expanduser()
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser()
    return Path(appdirs.user_data_dir(APP_NAME))
