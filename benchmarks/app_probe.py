"""The app started as `serge-reader --quit-when-ready` starts it, in this process, reporting
when its main window first painted, when the whole window (notes column included) was
there, and its resident memory and processor time at the first paint: the counterpart of
`floor_window.py`.

    QT_QPA_PLATFORM=offscreen python benchmarks/app_probe.py DATA_DIR

Prints one JSON line: {"first_paint": epoch seconds, "complete": epoch seconds, "rss_kb": n,
"cpu": seconds}. The processor time (all threads) moves less than the wall time when other
programs share the machine: it says what the process itself spent.
"""

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from floor_window import rss_kb

from serge_reader import cli
from serge_reader.ui import main_window

seen: dict[str, float] = {}
_paint = main_window.MainWindow.paintEvent


def paint_event(window, event):  # the window's own first paint, as the floor's
    _paint(window, event)
    if "first_paint" not in seen:
        seen["first_paint"] = time.time()
        seen["rss_kb"] = rss_kb()
        seen["cpu"] = time.process_time()
        window.completed.connect(lambda: seen.setdefault("complete", time.time()))


main_window.MainWindow.paintEvent = paint_event


def main() -> int:
    code = cli.main(["--data-dir", sys.argv[1], "--quit-when-ready"])
    print(json.dumps(seen))
    return code


if __name__ == "__main__":
    sys.exit(main())
