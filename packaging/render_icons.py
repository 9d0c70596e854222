"""Make the icon's PNGs from its SVG sources, with Qt's own SVG renderer.

python packaging/render_icons.py      (run it after changing resources/icons/*.svg)

Sizes up to 32 px come from serge-reader-small.svg, a simplified drawing that stays sharp
there; the larger ones from serge-reader.svg.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

from serge_reader.ui.theme import ICON_NAME, ICON_SIZES, SMALL_ICON_MAX  # noqa: E402

ICONS = ROOT / "resources" / "icons"


def render(svg: Path, size: int, target: Path) -> None:
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    if not image.save(str(target), "PNG"):
        raise SystemExit(f"cannot write {target}")


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])
    for size in ICON_SIZES:
        name = f"{ICON_NAME}-small.svg" if size <= SMALL_ICON_MAX else f"{ICON_NAME}.svg"
        target = ICONS / f"{ICON_NAME}-{size}.png"
        render(ICONS / name, size, target)
        print(target.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
