"""Both HTML documents in headless Chromium: no console errors, no requests, axe-clean, phone-wide.

Drives the system Chromium (Debian package ``chromium``, installed by ``.ci/run``) through
Playwright; never a browser that Playwright downloads. axe-core comes with axe-playwright-python.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

from ropa.pipeline import run_scan
from ropa.render import render_documents

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():  # pragma: no cover - .ci/run installs it
    _WHY = f"{CHROMIUM} is absent: install Debian's chromium package (apt-get install chromium)"
    if os.environ.get("CI"):
        pytest.fail(_WHY, pytrace=False)  # in CI a missing browser is a broken setup, not a skip
    pytest.skip(_WHY, allow_module_level=True)

SAMPLE = Path(__file__).resolve().parent.parent / "sample_project"
PAGES = ("ropa.html", "privacy-notice.html")
WIDTHS = (1280, 375)
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
BLOCKING = ("serious", "critical")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("browser") / "out"
    outcome = run_scan([SAMPLE], jobs=1, date=dt.date(2026, 1, 15), use_cache=False)
    render_documents(outcome.record, out, formats=("html", "json"), templates=None, final=False)
    return out


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


class _Watch:
    """Everything a page did that it should not: console errors, page errors, requests."""

    def __init__(self, page: Any, own_url: str) -> None:
        self.own_url = own_url
        self.console: list[str] = []
        self.requests: list[str] = []
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.console.append(f"page error: {error}"))
        page.route("**/*", self._on_route)

    def _on_console(self, message: Any) -> None:
        if message.type in ("error", "assert"):
            self.console.append(f"{message.type}: {message.text}")

    def _on_route(self, route: Any) -> None:
        url = route.request.url
        # Routing sees file:// as well as network URLs; data: URIs never leave the page.
        if url.split("#")[0] == self.own_url or url.startswith("data:"):
            route.continue_()
        else:
            self.requests.append(url)
            route.abort()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGES)
def test_page_in_chromium(built: Path, browser: Any, name: str, width: int) -> None:
    path = built / name
    url = path.resolve().as_uri()
    context = browser.new_context(
        viewport={"width": width, "height": 900}, java_script_enabled=True
    )
    try:
        page = context.new_page()
        watch = _Watch(page, url)
        page.goto(url, wait_until="load")
        page.wait_for_load_state("networkidle")
        assert watch.requests == [], f"{name} requested resources outside the file"

        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= width + 1, (
            f"{name} at {width}px scrolls sideways ({scroll_width}px wide): "
            + page.evaluate(_WIDEST_JS, width)
        )

        results = Axe().run(page)
        blocking = [
            f"{v['id']} ({v['impact']}): {v['help']} — "
            + "; ".join(node["target"][0] for node in v["nodes"][:5])
            for v in results.response["violations"]
            if v["impact"] in BLOCKING
        ]
        assert blocking == [], f"axe-core on {name} at {width}px:\n" + "\n".join(blocking)
        assert watch.console == [], f"console errors in {name}"
        assert watch.requests == [], f"{name} requested resources outside the file"
    finally:
        context.close()


def test_pages_have_language_and_landmarks(built: Path) -> None:
    for name in PAGES:
        html = (built / name).read_text(encoding="utf-8")
        assert "<html lang=" in html, name
        assert "<main" in html, name
        assert "<script" not in html, f"{name} needs no scripts"


# Names the elements that stick out, so a failure says what to fix.
_WIDEST_JS = """
(width) => Array.from(document.querySelectorAll('body *'))
  .filter(e => e.getBoundingClientRect().right > width + 1)
  .slice(0, 5)
  .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
       + (e.className ? '.' + String(e.className).split(' ').join('.') : '')
       + ' right=' + Math.round(e.getBoundingClientRect().right))
  .join(', ')
"""
