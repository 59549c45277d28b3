import os
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture(scope="session")
def browser():
    # Playwright's sync API runs an event loop; Django must allow ORM calls from the test thread.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        _watch_the_policy(browser)
        yield browser
        browser.close()


def _watch_the_policy(browser) -> None:
    """Every page of every journey reports what the Content-Security-Policy refused (an inline script
    or style, a handler, eval); `_no_policy_violation` fails the journey that caused it."""
    browser.csp_violations = []
    new_context = browser.new_context

    def watched(**options):
        context = new_context(**options)
        context.on(
            "console",
            lambda msg: (
                browser.csp_violations.append(f"{msg.location.get('url', '')}: {msg.text}")
                if "Content Security Policy" in msg.text
                else None
            ),
        )
        return context

    browser.new_context = watched


@pytest.fixture(autouse=True)
def _no_policy_violation(request):
    if "browser" not in request.fixturenames and "page" not in request.fixturenames:
        yield
        return
    browser = request.getfixturevalue("browser")
    browser.csp_violations.clear()
    yield
    assert not browser.csp_violations, "\n".join(browser.csp_violations)


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


@pytest.fixture
def cast(transactional_db):
    """Browser journeys talk to a live server in another thread: their data is committed (and flushed
    after each test), not kept in a transaction as the shared cast is."""
    from tests.conftest import build_cast

    return build_cast()


def editor_page(browser, **options):
    """A page for the report editors, whose clock the test moves: they save 1.5 s after the last
    keystroke (hx-trigger "input delay:1500ms"), and ``typed`` jumps over that pause instead of
    waiting for it. Time otherwise runs as usual."""
    context = browser.new_context(locale="vi-VN", **options)
    context.clock.install()
    return context.new_page()


def typed(page) -> None:
    """The pause after typing has passed: the editor's delayed save fires now.

    htmx loads deferred: on a busy machine a test can type before it has taken the forms, and that
    keystroke starts no save. So wait until it has, tell it once more about the field typed in (the
    save waits for the pause after the last input), then jump over the pause."""
    page.wait_for_function(
        "() => !!window.htmx && [...document.querySelectorAll('form[hx-trigger]')].every(f => f['htmx-internal-data'])"
    )
    page.evaluate(
        "() => { const e = document.activeElement;"
        " if (e && e.form) e.dispatchEvent(new Event('input', {bubbles: true})); }"
    )
    page.clock.fast_forward(1500)
