"""The app as `serge-reader` starts it (library open, main window shown), printing its
resident memory (kB) at the first paint and quitting: the counterpart of
`floor_window.py --rss`.

    QT_QPA_PLATFORM=offscreen python benchmarks/app_probe.py DATA_DIR
"""

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from floor_window import FirstPaint

from serge_reader.library import Library
from serge_reader.ui.app import open_window


def main() -> int:
    data_dir = Path(sys.argv[1])
    app = QApplication(sys.argv[:1])
    lib = Library(data_dir)
    window = open_window(lib, data_dir)
    first_paint = FirstPaint(print_rss=True)
    window.installEventFilter(first_paint)
    try:
        return app.exec()
    finally:
        lib.close()


if __name__ == "__main__":
    sys.exit(main())
