"""Benchmark of the intranet share button's weight against Shariff's, measured in the same run.

Run from the repository root: ``.venv/bin/python bench/widget.py`` (after ``make``, which builds the share
button; it is built here with ``node widget_js/build.mjs`` if missing). It prints human-readable figures, then,
as its last line, one JSON object (see `summary`).

* the loader (server/static/widget/widget.js, what every intranet page loads): minified and gzipped sizes;
* the dialog's JavaScript: its own module (server/static/widget/embed.js) and everything the compose page of
  the frame loads (that module, the live check, the compose form's and the share state's scripts);
* the baseline: Shariff's published ``shariff.min.js``, fetched from the npm registry with ``npm pack shariff``
  into a temporary folder (the version npm serves today), gzipped the same way.

Gzip: level 9, as a server or CDN would serve it (``gzip -9``). 1 KB = 1,000 bytes (the unit of the 21.9 KB
usually quoted for Shariff).
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WIDGET = ROOT / "server" / "static" / "widget"
STATIC_JS = ROOT / "server" / "static" / "js"
LOADER_BUDGET = 3_000
DIALOG_BUDGET = 15_000
TARGET = "loader ≤ 3 KB gzipped (Shariff: 21.9 KB), dialog JS ≤ 15 KB gzipped"


def gzipped(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def ensure_built() -> None:
    if not (WIDGET / "widget.js").exists() or not (WIDGET / "embed.js").exists():
        subprocess.run(["node", str(ROOT / "widget_js" / "build.mjs")], check=True, cwd=ROOT)


def shariff_baseline() -> tuple[str, int, int]:
    """(version, minified bytes, gzipped bytes) of the shariff.min.js that npm publishes today."""
    with tempfile.TemporaryDirectory() as folder:
        packed = subprocess.run(["npm", "pack", "shariff", "--silent"], cwd=folder, check=True,
                                capture_output=True, text=True).stdout.strip().splitlines()[-1]
        with tarfile.open(Path(folder) / packed) as archive:
            member = next(m for m in archive.getmembers() if m.name.endswith("/shariff.min.js"))
            data = archive.extractfile(member).read()
            manifest = json.loads(archive.extractfile("package/package.json").read())
    return manifest["version"], len(data), gzipped(data)


def kb(size: int) -> str:
    return f"{size / 1000:.2f} KB"


def summary(loader: bytes, own: bytes, dialog: list[bytes], shariff: tuple[str, int, int]) -> dict:
    version, shariff_min, shariff_gzip = shariff
    loader_gzip, own_gzip = gzipped(loader), gzipped(own)
    dialog_gzip = sum(gzipped(part) for part in dialog)
    return {
        "bench": "widget",
        "loader_min_bytes": len(loader),
        "loader_gzip_bytes": loader_gzip,
        "dialog_own_gzip_bytes": own_gzip,
        "dialog_total_gzip_bytes": dialog_gzip,
        "shariff_version": version,
        "shariff_min_bytes": shariff_min,
        "shariff_gzip_bytes": shariff_gzip,
        "loader_vs_shariff_gzip": round(loader_gzip / shariff_gzip, 3),
        "shariff_vs_loader_gzip": round(shariff_gzip / loader_gzip, 1),
        "target": TARGET,
        "target_met": loader_gzip <= LOADER_BUDGET and dialog_gzip <= DIALOG_BUDGET,
    }


def main() -> None:
    ensure_built()
    loader = (WIDGET / "widget.js").read_bytes()
    own = (WIDGET / "embed.js").read_bytes()
    shared = [(STATIC_JS / name).read_bytes() for name in ("charter-check.js", "compose.js", "share.js")]
    shariff = shariff_baseline()
    result = summary(loader, own, [own, *shared], shariff)
    print(f"loader widget.js: {kb(result['loader_min_bytes'])} minified, {kb(result['loader_gzip_bytes'])} gzipped "
          f"(budget {kb(LOADER_BUDGET)})")
    print(f"dialog: embed.js {kb(result['dialog_own_gzip_bytes'])} gzipped; with the live check and the compose "
          f"and share scripts it loads, {kb(result['dialog_total_gzip_bytes'])} gzipped (budget {kb(DIALOG_BUDGET)})")
    print(f"baseline: shariff {result['shariff_version']} shariff.min.js {kb(result['shariff_min_bytes'])} minified, "
          f"{kb(result['shariff_gzip_bytes'])} gzipped")
    print(f"ratio: the loader is {result['loader_vs_shariff_gzip']:.3f}× Shariff's size gzipped "
          f"(Shariff is {result['shariff_vs_loader_gzip']}× larger)")
    print(json.dumps(result, ensure_ascii=False))
    sys.exit(0)


if __name__ == "__main__":
    main()
