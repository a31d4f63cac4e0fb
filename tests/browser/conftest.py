"""Browser fixtures: Debian's chromium driven by Playwright, one screenshot per test.

Playwright never downloads a browser here: it launches /usr/bin/chromium. Every test gets a
fresh browser context (so a fresh sessionStorage) and leaves a screenshot of what the user saw in
test-output/screenshots/<test name>.png, pass or fail.
"""

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, Page, Playwright, sync_playwright

from assistant.settings import PROJECT_ROOT
from tests.browser.widget import SCREENSHOTS
from tests.system import RunningSystem

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]

# Where the embedding test page is served from; tests/system.py allows this origin (CORS).
EMBED_PORT = 18020
EMBED_ORIGIN = f"http://127.0.0.1:{EMBED_PORT}"


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Playwright]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing; install Debian's chromium (apt-get install chromium)")
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright_instance: Playwright) -> Iterator[Browser]:
    browser = playwright_instance.chromium.launch(
        executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


@pytest.fixture
def page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A fresh tab (own sessionStorage); JavaScript errors on the page fail the test."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 800}, locale="da-DK", timezone_id="Europe/Copenhagen"
    )
    context.set_default_timeout(15_000)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)
    try:
        tab.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
    finally:
        context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def free_port_or_fail(port: int) -> None:
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", port)) == 0:
            pytest.fail(f"port {port} is already in use on 127.0.0.1")


def wait_until_up(url: str, process: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"{url}: the process exited with code {process.returncode}")
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    pytest.fail(f"{url} did not answer within {timeout} s")


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stop a process this suite started (by its own process group id)."""
    if process.poll() is None:
        os.killpg(process.pid, 15)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, 9)
            process.wait()


@pytest.fixture
def public_app_without_rasa(tmp_path: Path) -> Iterator[str]:
    """A second public app whose Rasa is unreachable (port 9, discard): every turn gets 503."""
    port = 18010
    free_port_or_fail(port)
    env = {
        **os.environ,
        "RASA_URL": "http://127.0.0.1:9",
        "ENVIRONMENT": "test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'knowledge.db'}",
    }
    log = (tmp_path / "public-without-rasa.log").open("wb")
    process = subprocess.Popen(
        [
            str(PROJECT_ROOT / ".venv" / "bin" / "python"),
            "-m",
            "uvicorn",
            "--factory",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "assistant.public_app:create_public_app",
        ],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        wait_until_up(f"http://127.0.0.1:{port}/api/health", process)
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(process)
        log.close()


@pytest.fixture
def embedding_site(tmp_path: Path, system: RunningSystem) -> Iterator[str]:
    """A municipal page on another origin whose only content is the one embed script tag."""
    public = system.public
    site = tmp_path / "site"
    site.mkdir()
    tag = (
        f'<script src="{public}/embed.js" data-title="Sundhedsguiden Gentofte" '
        'data-color="#5b2a86" data-municipality="Gentofte" defer></script>'
    )
    (site / "index.html").write_text(
        '<!doctype html>\n<html lang="da"><head><meta charset="utf-8">'
        "<title>Gentofte Kommune</title></head>\n<body>\n"
        f"{tag}\n</body></html>\n",
        encoding="utf-8",
    )
    inline_tag = tag.replace(" defer>", ' data-target="#chat" defer>')
    (site / "inline.html").write_text(
        '<!doctype html>\n<html lang="da"><head><meta charset="utf-8">'
        "<title>Gentofte Kommune – chat</title></head>\n<body><main><h1>Spørg os</h1>"
        f'<div id="chat"></div></main>\n{inline_tag}\n</body></html>\n',
        encoding="utf-8",
    )
    free_port_or_fail(EMBED_PORT)
    process = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(EMBED_PORT), "--bind", "127.0.0.1"],
        cwd=site,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        wait_until_up(f"{EMBED_ORIGIN}/index.html", process)
        yield EMBED_ORIGIN
    finally:
        stop(process)
