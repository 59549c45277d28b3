"""The hardening headers on every response, no inline script or style in any template, and
`manage.py check --deploy` clean with production settings (and not clean without TLS)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / "guongsang" / "templates"
PRODUCTION = {
    "SECRET_KEY": "k3y-" + "x7Q2mZ9pLw4VtR8sNc6YbH1dJf5GaE0u" * 2,
    "ALLOWED_HOSTS": "guongsang.example.vn",
    "GS_TLS": "1",
}


def _check_deploy(extra: dict[str, str], tmp_path) -> subprocess.CompletedProcess:
    # A clean environment as production has it: not the test process's own switches (the browser
    # journeys set DJANGO_ALLOW_ASYNC_UNSAFE, which check --deploy rightly refuses).
    dropped = ("DEBUG", "DJANGO_SETTINGS_MODULE", "SECURE_COOKIES", "GS_TLS", "DJANGO_ALLOW_ASYNC_UNSAFE")
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env.update({"GS_VAR_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "guongsang.settings", **extra})
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    result = _check_deploy(PRODUCTION, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_names_what_is_missing_without_tls(tmp_path):
    result = _check_deploy({k: v for k, v in PRODUCTION.items() if k != "GS_TLS"}, tmp_path)
    assert result.returncode != 0
    for code in ("W004", "W008", "W012", "W016"):
        assert f"security.{code}" in result.stderr


def test_tls_settings_turn_on_hsts_secure_cookies_and_the_redirect(settings):
    # What GS_TLS=1 sets (read from the module as a production start would).
    env = {**PRODUCTION}
    code = (
        "import os, json; os.environ.update(json.loads(os.environ['GS_ENV']));"
        "from guongsang import settings as s;"
        "print(json.dumps([s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT,"
        " s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS]))"
    )
    import json

    base = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "SECURE_COOKIES", "GS_TLS")}
    on = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env={**base, "GS_ENV": json.dumps(env)}, capture_output=True, text=True
    )
    assert json.loads(on.stdout) == [True, True, True, 31536000, True], on.stderr
    env.pop("GS_TLS")
    off = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env={**base, "GS_ENV": json.dumps(env)}, capture_output=True, text=True
    )
    assert json.loads(off.stdout) == [False, False, False, 0, False], off.stderr


@pytest.mark.parametrize("path", ["/dang-nhap/", "/", "/khong-co-trang-nay/"])
def test_every_response_carries_the_policy_headers(client, db, path):
    response = client.get(path)
    csp = response.headers["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"
    assert directives["default-src"] == "'self'" and directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'" and directives["form-action"] == "'self'"
    assert "unsafe" not in csp
    assert "camera=()" in response.headers["Permissions-Policy"]
    assert "geolocation=()" in response.headers["Permissions-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"


INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "an inline <script>"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "an inline event handler"),
    (re.compile(r"\sstyle\s*=", re.I), "an inline style attribute"),
    (re.compile(r"<style\b", re.I), "a <style> element"),
    (re.compile(r"javascript:", re.I), "a javascript: URL"),
]


TAG = re.compile(r"\{%.*?%\}|\{#.*?#\}", re.S)


def test_no_template_carries_inline_script_or_style():
    found = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        # Template tags are not markup: `{% if style == 'h2' %}` is no style attribute.
        text = TAG.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), path.read_text(encoding="utf-8"))
        for pattern, what in INLINE:
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                found.append(f"{path.relative_to(ROOT)}:{line}: {what}")
    assert not found, "\n".join(found)


def test_the_check_sees_an_inline_script(tmp_path):
    """The template scan above is not vacuous: it recognises each kind of inline content."""
    samples = [
        "<script>alert(1)</script>",
        '<a onclick="x()">',
        '<div style="width:1px">',
        "<style>",
        'href="javascript:x"',
    ]
    for sample, (pattern, _what) in zip(samples, INLINE, strict=True):
        assert pattern.search(sample)
    assert not INLINE[0][0].search('<script src="/static/gs/gs.js"></script>')
    assert not INLINE[2][0].search(TAG.sub(" ", "<p class=\"{% if style == 'h2' %}x{% endif %}\">"))
