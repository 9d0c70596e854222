"""Build Serge Reader as a one-folder application with PyInstaller.

python packaging/build.py [--dist DIR] [--work DIR]

The application lands in DIR/serge-reader/ (default: dist/serge-reader/ at the top of the
checkout); run DIR/serge-reader/serge-reader. It needs PyInstaller (`pip install pyinstaller`,
part of the `test` extra).
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "serge-reader.spec"


def build(dist: Path, work: Path) -> Path:
    """Run PyInstaller; returns the application's executable."""
    if importlib.util.find_spec("PyInstaller") is None:
        raise SystemExit("PyInstaller is not installed: pip install pyinstaller")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level=WARN",
            f"--distpath={dist}",
            f"--workpath={work}",
            str(SPEC),
        ],
        check=True,
        cwd=ROOT,
    )
    suffix = ".exe" if sys.platform == "win32" else ""
    return dist / "serge-reader" / f"serge-reader{suffix}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="where the app goes")
    parser.add_argument(
        "--work", type=Path, default=ROOT / "build", help="PyInstaller's work folder"
    )
    args = parser.parse_args()
    try:
        executable = build(args.dist.resolve(), args.work.resolve())
    except subprocess.CalledProcessError as exc:
        print(f"PyInstaller failed (exit {exc.returncode})", file=sys.stderr)
        return 1
    print(executable)
    return 0


if __name__ == "__main__":
    sys.exit(main())
