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
# Headless Chromium still builds the address bar's suggestion popup as a web page, in a renderer of its
# own for every window, and a journey opens a window per user: those renderers were a quarter of the
# browser's time. The pages under test never show an address bar.
NOT_NEEDED = ("WebUIOmniboxPopup", "WebUIOmniboxAimPopup")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture(scope="session")
def browser():
    # Playwright's sync API runs an event loop; Django must allow ORM calls from the test thread.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=[*ARGS, _disabled_features(pw)])
        _watch_the_policy(browser)
        yield browser
        browser.close()


def _disabled_features(pw) -> str:
    """Playwright turns Chromium features off with one --disable-features switch, and Chromium reads
    only the last one given: so the switch that adds `NOT_NEEDED` repeats Playwright's own list, read
    from the command line of a browser it starts (that list changes with Playwright's version)."""
    probe = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
    try:
        ours = [line for line in _browser_command_lines() if "--remote-debugging-pipe" in line]
    finally:
        probe.close()
    assert len(ours) == 1, f"expected one browser started by this test process, found {len(ours)}"
    features = [arg.split("=", 1)[1].split(",") for arg in ours[0] if arg.startswith("--disable-features=")]
    assert features, "Playwright no longer turns Chromium features off with --disable-features"
    return "--disable-features=" + ",".join(dict.fromkeys([*features[-1], *NOT_NEEDED]))


def _browser_command_lines() -> list[list[str]]:
    """The command lines of the Chromium processes below this one (Playwright's driver starts them)."""
    parents, lines = {}, {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            lines[int(entry.name)] = (entry / "cmdline").read_bytes().decode().split("\0")
        except OSError:
            continue  # the process has ended
        parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])

    def below_us(pid: int) -> bool:
        while pid > 1:
            pid = parents.get(pid, 0)
            if pid == os.getpid():
                return True
        return False

    return [line for pid, line in lines.items() if "chromium" in line[0] and below_us(pid)]


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
