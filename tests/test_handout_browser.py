"""A training handout in a real browser (Debian's chromium through Playwright): styled under its
own Content-Security-Policy, loading nothing, and readable on a phone as on a desk."""

from __future__ import annotations

import pytest

from indexer.cli import main
from indexer.corpus.loader import load_valid_corpus

from .chromium import chromium_browser
from .conftest import CORPUS

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser():
    with chromium_browser() as b:
        yield b


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_protection_handout_renders_under_its_policy(browser, tmp_path, lang):
    assert main(["handout", "--pillar", "protection", "--lang", lang, "--output", str(tmp_path),
                 "--name", "h", "--corpus", str(CORPUS)]) == 0
    corpus = load_valid_corpus(CORPUS)
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    requests, errors = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto((tmp_path / "h.html").as_uri())
    keys = [k for k, p in corpus.plan.paragraphs.items() if p.pillar == "protection"]
    ids = page.eval_on_selector_all("article.para", "els => els.map(e => e.id.slice(5))")
    assert ids[: len(keys)] == keys
    # the style sheet applied: its hash matches the policy (a blocked sheet leaves no grid)
    assert page.eval_on_selector("article.para", "e => getComputedStyle(e).display") == "grid"
    assert errors == []
    assert all(u.startswith("file://") for u in requests)
    # on a phone the page still fits its width
    page.set_viewport_size({"width": 390, "height": 844})
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390 + 1
    pdf = page.pdf(prefer_css_page_size=True)  # the "print to PDF" path a trainer takes
    assert pdf.startswith(b"%PDF") and b"/MediaBox [0 0 594.95996 841.91998]" in pdf
    page.close()
