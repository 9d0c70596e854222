"""How long a hostile or huge note takes to show, as the window shows it (issue 19).

    python benchmarks/hostile_notes.py

For each note: the time to render its markdown (`render.markdown_to_html`) and the time
Qt takes to lay the result out in a text browser the size of the context panel. The
promise: under 0.5 s together for any note up to the size limit (1,000,000 characters),
or the note is shown as plain text with a notice.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QTextBrowser

from serge_reader.render import markdown_to_html

NOTES = {
    "8,000 [": "[" * 8_000,
    "20,000 [": "[" * 20_000,
    "100,000 [": "[" * 100_000,
    "5,000 [a](": "[a](" * 5_000,
    "20,000 *_": "*_" * 20_000,
    "nested list, 2 KB": "- " * 1_000 + "a",
    "1 MB of words, one line": "word " * 200_000,
    "1 MB without a space": "a" * 1_000_000,
    "90 KB of words, one line": "word " * 18_000,
    "90 KB without a space": "a" * 90_000,
    "1,000 [[links]] and **bold**": "See [[Okhrana]] and **this**. " * 1_000,
}


def main() -> None:
    app = QApplication.instance() or QApplication([])
    view = QTextBrowser()
    view.resize(600, 800)
    view.show()
    app.processEvents()
    print(f"{'note':32} {'render':>8} {'layout':>8} {'total':>8}  shown as")
    for name, text in NOTES.items():
        started = time.perf_counter()
        html = markdown_to_html(text, lambda target: None)
        rendered = time.perf_counter()
        view.setHtml(html)
        view.document().size()  # the whole layout
        app.processEvents()
        done = time.perf_counter()
        how = "plain text" if "render-notice" in html else "formatted"
        print(
            f"{name:32} {rendered - started:8.3f} {done - rendered:8.3f} {done - started:8.3f}  {how}"
        )


if __name__ == "__main__":
    main()
