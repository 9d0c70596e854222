"""Bring the translations up to date with the code, then compile them for the package.

    python packaging/update_translations.py           # lupdate, then lrelease
    python packaging/update_translations.py --check   # also fail on unfinished entries

1. `pyside6-lupdate` reads the window's code (serge_reader/ui/) and merges every phrase
   marked for translation into resources/translations/serge_reader_<lang>.ts: `self.tr(...)`,
   `QCoreApplication.translate(context, ...)` and `QT_TRANSLATE_NOOP(context, ...)`. The
   core's phrases, `_("...")` and `N_("...")` (serge_reader/i18n.py), are found here with
   Python's own parser (lupdate does not look inside f-strings, where the pages use many),
   handed to lupdate as one generated file, and filed under the empty context; their
   locations in the .ts point back to the core modules.
2. Translate the new entries (Qt Linguist, `pyside6-linguist`, or any editor: each is a
   <message> whose <translation> is marked type="unfinished").
3. `pyside6-lrelease` compiles each .ts into the .qm the program loads; the .qm files are
   committed, and ship in the package under serge_reader/resources/translations/.
"""

from __future__ import annotations

import argparse
import ast
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGES = ("fr",)
# The core modules whose words a reader sees in the window (the pages and what they read).
CORE_SOURCES = ("i18n.py", "pages.py", "entries.py", "timeline.py", "search.py", "names.py")


GENERATED = ROOT / "build" / "core_phrases.py"  # what lupdate reads for the core


def sources() -> list[Path]:
    """The window's code, which lupdate reads itself."""
    return sorted((ROOT / "serge_reader" / "ui").glob("*.py"))


def core_phrases() -> list[tuple[str, Path, int]]:
    """(phrase, file, line) for every `_("...")` and `N_("...")` in the core modules,
    f-strings included, in the order they appear."""
    found = []
    for name in CORE_SOURCES:
        path = ROOT / "serge_reader" / name
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("_", "N_")
                and len(node.args) == 1
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.append((node.args[0].value, path, node.lineno))
    return sorted(found, key=lambda item: (CORE_SOURCES.index(item[1].name), item[2]))


def write_core_phrases() -> list[tuple[Path, int]]:
    """The generated file lupdate reads for the core; its line n is the phrase found at the
    returned list's item n - 1."""
    phrases = core_phrases()
    lines = [
        '_("{}")\n'.format(text.replace("\\", "\\\\").replace('"', '\\"'))
        for text, _path, _line in phrases
    ]
    GENERATED.parent.mkdir(exist_ok=True)
    GENERATED.write_text("".join(lines), encoding="utf-8")
    return [(path, line) for _text, path, line in phrases]


def point_back(ts: Path, origins: list[tuple[Path, int]]) -> None:
    """Locations in the generated file become the core module's file and line."""
    here = ts.resolve().parent
    generated = re.escape(Path(os.path.relpath(GENERATED, here)).as_posix())

    def back(match: re.Match[str]) -> str:
        path, line = origins[int(match.group(1)) - 1]
        return f'filename="{Path(os.path.relpath(path, here)).as_posix()}" line="{line}"'

    text = ts.read_text(encoding="utf-8")
    ts.write_text(re.sub(f'filename="{generated}" line="(\\d+)"', back, text), encoding="utf-8")


def tool(name: str) -> str:
    """A PySide6 tool: beside the running Python (a venv), else on the PATH."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        sys.exit(f"{name} not found: pip install PySide6-Essentials")
    return found


def ts_file(language: str) -> Path:
    return TRANSLATIONS / f"serge_reader_{language}.ts"


def unfinished(ts: Path) -> list[str]:
    """The source texts of the entries of `ts` still to translate (vanished ones aside)."""
    missing = []
    for message in ET.parse(ts).getroot().iter("message"):
        translation = message.find("translation")
        kind = "unfinished" if translation is None else translation.get("type")
        text = "" if translation is None else "".join(translation.itertext())
        if kind not in ("vanished", "obsolete") and (kind == "unfinished" or not text):
            missing.append(message.findtext("source") or "")
    return missing


def update(language: str, ts: Path | None = None) -> None:
    """Merge the phrases of the code into `ts` (the language's .ts file, unless told)."""
    ts = ts or ts_file(language)
    ts.parent.mkdir(parents=True, exist_ok=True)
    origins = write_core_phrases()
    command = [
        tool("pyside6-lupdate"),
        "-tr-function-alias",
        "QT_TR_NOOP+=_,QT_TR_NOOP+=_tr",  # the core's `_`; `_tr` of module functions
        "-no-obsolete",
        "-locations",
        "absolute",
        "-source-language",
        "en",
        "-target-language",
        language,
        *(str(path.relative_to(ROOT)) for path in [*sources(), GENERATED]),
        "-ts",
        str(ts.resolve()),
    ]
    try:
        subprocess.run(command, cwd=ROOT, check=True)
    finally:
        GENERATED.unlink(missing_ok=True)
    point_back(ts, origins)


def release(language: str) -> Path:
    ts = ts_file(language)
    qm = ts.with_suffix(".qm")
    subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)
    return qm


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="fail on unfinished entries")
    parser.add_argument("--no-update", action="store_true", help="only compile the .ts files")
    args = parser.parse_args(argv)
    status = 0
    for language in LANGUAGES:
        if not args.no_update:
            update(language)
        print(release(language).relative_to(ROOT))
        missing = unfinished(ts_file(language))
        if missing:
            print(f"{language}: {len(missing)} entries to translate", file=sys.stderr)
            for text in missing:
                print(f"  {text!r}", file=sys.stderr)
            status = 1 if args.check else status
    return status


if __name__ == "__main__":
    sys.exit(main())
