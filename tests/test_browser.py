"""The built site in a real browser: Debian's chromium driven by Playwright.

The site (built once per session) is served by http.server on a free localhost port. Skipped
only where chromium is missing and CI is not set: in CI these tests must run.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from .chromium import chromium_browser
from .sitebuild import offline_site, real_site

LOCAL = {"127.0.0.1", "localhost"}

pytestmark = pytest.mark.browser


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="session")
def base_url() -> Iterator[str]:
    build = real_site()
    assert build.returncode == 0, build.output[-5000:]
    handler = functools.partial(_QuietHandler, directory=str(build.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")  # one Playwright at a time: other modules start their own
def browser():
    with chromium_browser() as b:
        yield b


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    page.requests = []  # every URL the page asked for
    page.errors = []  # console errors and uncaught exceptions
    page.on("request", lambda r: page.requests.append(r.url))
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    yield page
    context.close()


def outside(urls: list[str]) -> list[str]:
    return [u for u in urls if urlsplit(u).scheme in ("http", "https")
            and urlsplit(u).hostname not in LOCAL]


def search(page, query: str) -> list[str]:
    """Type ``query`` into the search box; the hrefs of the results shown."""
    page.locator("label.md-search__icon, .md-search__input").first.click()
    box = page.locator("input.md-search__input")
    box.fill("")
    box.type(query, delay=20)
    # Chinese goes in as text input with no key events, as from an input method; the search
    # box listens for keys, so release one as an input method's commit key would.
    box.press("End")
    # results appear as one types: wait for those of the whole query
    page.wait_for_function("q => document.querySelector('#tipkb-search-results')"
                           "?.dataset.query === q", arg=query, timeout=15_000)
    results = page.locator("li.md-search-result__item a.md-search-result__link")
    results.first.wait_for(timeout=15_000)
    return [a.get_attribute("href") or "" for a in results.all()]


def test_home_page_loads_without_console_errors(page, base_url):
    page.goto(base_url, wait_until="networkidle")
    assert page.locator("h1").first.inner_text().startswith("The Global Plan of Action")
    assert page.locator(".md-tabs").count() == 1
    assert page.errors == []


@pytest.mark.parametrize(("query", "entry"), [
    ("UNTOC", "entries/untoc/"),  # an acronym, from the entry's other names
    ("Palermo", "entries/untoc/"),
    ("儿童权利公约", "entries/crc/"),  # a Chinese name as the resolution gives it
    ("湄公河", "entries/commit/"),  # a Chinese word inside a longer name
])
def test_search_finds_the_instrument(page, base_url, query, entry):
    page.goto(base_url, wait_until="networkidle")
    hrefs = search(page, query)
    assert any(entry in h for h in hrefs), f"{query!r}: {hrefs}"
    assert page.errors == []


def test_entry_links_to_its_paragraphs_and_each_links_back(page, base_url):
    page.goto(base_url + "entries/untoc/", wait_until="networkidle")
    links = page.locator("article .tipkb-cite__head a")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert len(hrefs) >= 10
    for href in hrefs:
        page.goto(base_url + "entries/untoc/" + href)
        assert page.locator("h1").first.inner_text().split()[0] in ("PP", "OP", "Plan")
        back = page.locator('article ul.tipkb-cited-by a[href$="entries/untoc/"]')
        assert back.count() == 1, page.url
        back.click()
        assert page.url == base_url + "entries/untoc/"


def test_no_request_leaves_localhost(page, base_url):
    for path in ("", "entries/untoc/", "plan/38/", "browse/matrix/", "browse/a-z/"):
        page.goto(base_url + path, wait_until="networkidle")
    search(page, "protocol")
    assert page.requests and outside(page.requests) == []
    assert page.errors == []


def test_offline_copy_searches_from_disk(page):
    """The folder a trainer carries: opened from file://, search still works."""
    build = offline_site()
    assert build.returncode == 0, build.output[-5000:]
    page.goto((build.site / "index.html").as_uri(), wait_until="load")
    hrefs = search(page, "Palermo")
    assert any(h.split("?")[0].endswith("/entries/untoc.html") for h in hrefs), hrefs
    assert all(u.startswith("file://") for u in page.requests), page.requests
    assert page.errors == []


def test_cite_this_box_has_copy_buttons_and_downloads(page, base_url):
    page.goto(base_url + "entries/ga-res-58-137/#cite")
    box = page.locator(".tipkb-citebox")
    assert "General Assembly resolution 58/137 of 22 December 2003." in box.inner_text()
    box.locator("button").first.wait_for()  # Material mounts the copy buttons after load
    assert box.locator("button").count() == 2  # UN style and OSCOLA
    href = box.locator("a", has_text="BibTeX").get_attribute("href")
    response = page.request.get(base_url + "entries/ga-res-58-137/" + href)
    assert response.ok and "@legislation{ga-res-58-137," in response.text()
