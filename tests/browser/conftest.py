"""Shared fixtures for browser tests: the app on a free local port, Debian's Chromium with every public
host name failing to resolve, and a record of every request and console error.

Use them like this::

    @pytest.mark.browser
    def test_something(atlas_page, traffic):
        atlas_page.open("?country=PL")          # waits for the map to be drawn
        assert atlas_page.link_count() == ...
        traffic.assert_offline_and_clean()

Fixtures: ``app_url`` (session: base URL of a running ``streamlit run app.py``), ``browser`` (session:
Chromium), ``page`` (a fresh browser context and page per test), ``traffic`` (requests and console
errors of that page), ``atlas_page`` (helpers to open a view and read the map).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Frame, FrameLocator, Page, Request, sync_playwright
from playwright.sync_api import Error as PlaywrightError

from bench.common import CHROMIUM_ARGS, free_port  # one launch recipe and port probe for tests and benchmarks

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
HEALTH_TIMEOUT_S = 90
# The first view of a fresh server waits for the join of records and gazetteer (cached per process after).
FIRST_MAP_TIMEOUT_MS = 240_000
MAP_TIMEOUT_MS = 30_000
MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
T = TypeVar("T")


def _wait_for_health(url: str, process: subprocess.Popen, log_path: Path) -> None:
    deadline = time.monotonic() + HEALTH_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the app exited with {process.returncode}:\n{log_path.read_text(errors='replace')[-3000:]}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.25)
    tail = log_path.read_text(errors="replace")[-3000:]
    raise RuntimeError(f"no answer from {url}/_stcore/health within {HEALTH_TIMEOUT_S} s:\n{tail}")


def _stop(process: subprocess.Popen) -> None:
    """Stop the app we started (its own process group, by its id)."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def app_command(port: int) -> list[str]:
    """The command that starts the app as ``scripts/app`` does (through ``serve.py``), headless on ``port``."""
    return [
        sys.executable, "serve.py",
        "--server.headless", "true",
        "--server.address", "127.0.0.1",
        "--server.port", str(port),
        "--browser.gatherUsageStats", "false",
    ]


@pytest.fixture(scope="session")
def app_url(tmp_path_factory) -> Iterator[str]:
    """Start the app (``serve.py``) on a free port of 127.0.0.1; yield its base URL; stop it at the end."""
    port = free_port()
    log_path = tmp_path_factory.mktemp("app") / "streamlit.log"
    command = app_command(port)
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_for_health(url, process, log_path)
        yield url
    finally:
        _stop(process)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless, unable to resolve any host name but 127.0.0.1."""
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS), headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="de-DE")
    tab = context.new_page()
    yield tab
    context.close()


@dataclass
class Traffic:
    """Every request URL and every console error / uncaught exception of one page (all frames)."""

    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def on_request(self, request: Request) -> None:
        self.requests.append(request.url)

    def on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.console_errors.append(f"{message.text} @ {message.location.get('url', '')}")

    def on_page_error(self, error: Exception) -> None:
        self.console_errors.append(f"uncaught: {error}")

    def outside(self, base_url: str) -> list[str]:
        """Requests that went anywhere but the app (data: and blob: URLs stay in the browser)."""
        local = (base_url + "/", "data:", "blob:", "about:")
        return [url for url in self.requests if not url.startswith(local) and url != base_url]


@pytest.fixture
def traffic(page: Page) -> Traffic:
    record = Traffic()
    page.on("request", record.on_request)
    page.on("console", record.on_console)
    page.on("pageerror", record.on_page_error)
    return record


@dataclass
class AtlasPage:
    """Helpers to open a view of the running app and read what the map shows."""

    page: Page
    base_url: str
    _opened: bool = False

    @property
    def map(self) -> FrameLocator:
        return self.page.frame_locator(MAP_IFRAME)

    def open(self, query: str = "", path: str = "") -> None:
        """Open ``/<path><query>`` and wait until the map has drawn its links (or says there are none)."""
        self.page.goto(f"{self.base_url}/{path}{query}")
        self.wait_for_map(FIRST_MAP_TIMEOUT_MS)

    def wait_for_map(self, timeout_ms: int = MAP_TIMEOUT_MS) -> None:
        self._in_map(
            lambda frame, remaining: frame.wait_for_function(
                "() => window.map && document.querySelectorAll('path.atlas-link, path.atlas-place').length > 0",
                timeout=remaining,
            ),
            timeout_ms,
        )

    def map_frame(self, timeout_ms: int = MAP_TIMEOUT_MS) -> Frame:
        """The map's iframe document; waits while st_folium replaces the iframe (new base map: new view)."""
        deadline = time.monotonic() + timeout_ms / 1000
        while True:
            handle = self.page.wait_for_selector(MAP_IFRAME, timeout=timeout_ms)
            frame = handle.content_frame()
            if frame is not None and not frame.is_detached():
                return frame
            if time.monotonic() > deadline:
                raise AssertionError("the map iframe has no document")
            self.page.wait_for_timeout(100)

    def _in_map(self, action: Callable[[Frame, float], T], timeout_ms: int = MAP_TIMEOUT_MS) -> T:
        """Run ``action(frame, remaining_ms)`` in the map's iframe, again on the new one if it was replaced meanwhile."""
        deadline = time.monotonic() + timeout_ms / 1000
        while True:
            remaining = max(1.0, (deadline - time.monotonic()) * 1000)
            try:
                return action(self.map_frame(int(remaining)), remaining)
            except PlaywrightError as error:
                if "detached" not in str(error) or time.monotonic() > deadline:
                    raise

    def link_count(self) -> int:
        return self._in_map(lambda frame, _: frame.evaluate("() => document.querySelectorAll('path.atlas-link').length"))

    def drawn_partnership_ids(self) -> list[str]:
        """The ids of the drawn links, read from their ``pid-<id>`` classes."""
        return self._in_map(lambda frame, _: frame.evaluate(
            """() => Array.from(document.querySelectorAll('path.atlas-link')).map(
                 p => Array.from(p.classList).find(c => c.startsWith('pid-')).slice(4))"""
        ))

    def wait_for_link_count(self, expected: int, timeout_ms: int = MAP_TIMEOUT_MS) -> None:
        self._in_map(
            lambda frame, remaining: frame.wait_for_function(
                "n => document.querySelectorAll('path.atlas-link').length === n", arg=expected, timeout=remaining
            ),
            timeout_ms,
        )


@pytest.fixture
def atlas_page(page: Page, app_url: str) -> AtlasPage:
    return AtlasPage(page=page, base_url=app_url)


@pytest.fixture(scope="session")
def atlas_join():
    """The same join the app draws (records + committed gazetteer), to compute expected counts."""
    from atlas.join import load_default_join

    return load_default_join()
