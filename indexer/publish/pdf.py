"""Print an HTML file to PDF with Debian's Chromium, headless and offline.

The same browser the tests drive. Chromium takes the paper size from the page's CSS
(``@page { size: A4 }``) and, with ``--no-pdf-header-footer``, prints only the page's own
margin boxes (page numbers, release, address). It runs with a throw-away profile, no sandbox
(as in containers and CI), no GPU and no background networking; the page itself loads nothing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from indexer.files import write_atomic

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--no-pdf-header-footer", "--no-first-run", "--disable-extensions", "--disable-sync",
         "--disable-component-update", "--disable-default-apps", "--mute-audio"]


class PdfError(Exception):
    """Chromium is missing or could not print: a one-line reason."""


def chromium_path() -> str:
    """$TIPKB_CHROMIUM, else Debian's /usr/bin/chromium."""
    return os.environ.get("TIPKB_CHROMIUM") or CHROMIUM


def print_pdf(html_file: Path, pdf_file: Path, timeout: float = 180) -> None:
    """Write ``pdf_file`` from ``html_file``, all or nothing."""
    browser = chromium_path()
    if not (os.path.isfile(browser) and os.access(browser, os.X_OK)) and not shutil.which(browser):
        raise PdfError(f"no Chromium at {browser}: install Debian's chromium (make chromium) or "
                       "set TIPKB_CHROMIUM to the browser's path")
    with tempfile.TemporaryDirectory(prefix="tipkb-chromium-") as work:
        out = Path(work) / "out.pdf"
        cmd = [browser, *FLAGS, f"--user-data-dir={Path(work) / 'profile'}",
               f"--print-to-pdf={out}", Path(html_file).resolve().as_uri()]
        try:
            proc = subprocess.run(cmd, capture_output=True, timeout=timeout,
                                  stdin=subprocess.DEVNULL, check=False)
        except subprocess.TimeoutExpired:
            raise PdfError(f"Chromium did not finish printing within {timeout:.0f} s") from None
        except OSError as exc:
            raise PdfError(f"Chromium could not be started ({exc.strerror})") from None
        data = out.read_bytes() if out.exists() else b""
    if proc.returncode != 0 or not data.startswith(b"%PDF"):
        lines = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        why = lines[-1][:200] if lines else f"exit status {proc.returncode}"
        raise PdfError(f"Chromium did not write a PDF ({why})")
    write_atomic(Path(pdf_file), data)
