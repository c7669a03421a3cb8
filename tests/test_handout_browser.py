"""A training handout renders in a real browser (Debian's chromium through Playwright)."""

from __future__ import annotations

import pytest

from indexer.cli import main

from .chromium import chromium_browser
from .conftest import CORPUS

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser():
    with chromium_browser() as b:
        yield b


def test_protection_handout_renders_and_prints(browser, tmp_path):
    assert main(["handout", "--pillar", "protection", "--output", str(tmp_path),
                 "--corpus", str(CORPUS)]) == 0
    page = browser.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto((tmp_path / "protection.html").as_uri())
    assert page.locator("h1").inner_text() == "The Global Plan of Action: Protection"
    labels = page.locator("h3").all_inner_texts()
    assert "Plan ¶ 25" in labels and "Plan ¶ 42" in labels
    assert page.locator('blockquote[lang="zh"]').count() == 18  # paragraphs 25 to 42
    assert page.locator("h2", has_text="Instruments").count() == 1
    pdf = page.pdf()  # the "print to PDF" path a trainer takes
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
    assert all(u.startswith("file://") for u in requests)
    page.close()
