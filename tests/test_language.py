"""The interface is Vietnamese only: no other language is offered, and a browser that asks for English
still gets Vietnamese pages and Vietnamese messages from Django itself."""

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def test_only_vietnamese_is_offered():
    assert [code for code, _ in settings.LANGUAGES] == ["vi"] and settings.LANGUAGE_CODE == "vi"


def test_a_browser_asking_for_english_gets_vietnamese(client):
    page = client.get("/dang-nhap/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert page.status_code == 200 and 'lang="vi"' in page.content.decode()
    refused = client.post("/dang-nhap/", {"username": "", "password": ""}, HTTP_ACCEPT_LANGUAGE="en")
    text = refused.content.decode()
    # Both fields are named as missing, in Django's own Vietnamese (the form was reloaded silently before).
    assert text.count("Trường này là bắt buộc.") == 2 and "This field is required" not in text
    assert 'class="form-control is-invalid"' in text and 'aria-describedby="loi-ten"' in text
