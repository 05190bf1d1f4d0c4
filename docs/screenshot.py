"""Screenshots of the Kazakhstan HTML report for the README, made by the system's headless
Chromium (Debian's `chromium`) through Playwright (`pip install -e '.[test]'`):

    python docs/screenshot.py    # writes docs/kazakhstan-report.png and docs/kazakhstan-article.png

The report is written by the real CLI (`cybergap assess kazakhstan --format html`), then shown
1280 px wide: the top of the page (summary, heatmap, sections), and Article 16 opened by its link.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

DOCS = Path(__file__).resolve().parent
WIDTH = 1280


def main() -> int:
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    if chromium is None:
        sys.stderr.write("screenshot.py: no `chromium` on PATH (apt-get install chromium)\n")
        return 2
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "kazakhstan.html"
        subprocess.run([sys.executable, "-m", "cybergap", "assess", "kazakhstan", "--format", "html", "-o", str(report)],
                       check=True, cwd=DOCS.parent)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium)
            page = browser.new_page(viewport={"width": WIDTH, "height": 1000})
            page.goto(report.as_uri())
            top = page.evaluate("document.querySelector('#priorities').getBoundingClientRect().top + scrollY")
            page.screenshot(path=str(DOCS / "kazakhstan-report.png"), full_page=True,
                            clip={"x": 0, "y": 0, "width": WIDTH, "height": top + 420})
            page.goto(report.as_uri() + "#art-16")
            box = page.evaluate("""(() => { const d = document.querySelector('#art-16').closest('details');
                                   const r = d.getBoundingClientRect(); return [r.top + scrollY, r.height]; })()""")
            page.screenshot(path=str(DOCS / "kazakhstan-article.png"), full_page=True,
                            clip={"x": 0, "y": box[0] - 10, "width": WIDTH, "height": min(box[1] + 20, 1400)})
            browser.close()
    for name in ("kazakhstan-report.png", "kazakhstan-article.png"):
        sys.stderr.write(f"wrote {DOCS / name}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
