"""Files stored inside a service's transaction are removed again when it does not commit."""

import pytest
from django.core.files.base import ContentFile

from guongsang.documents.models import DocumentTemplate
from guongsang.lib.files import atomic_with_files, store


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _files(root):
    return sorted(p.name for p in root.rglob("*") if p.is_file())


@atomic_with_files
def _keep(name: str, fail: bool = False) -> DocumentTemplate:
    record = DocumentTemplate()
    store(record.file, name, ContentFile(b"x"))
    if fail:
        raise RuntimeError("hỏng giữa chừng")
    return record


def test_a_failure_removes_what_was_stored(db, media):
    with pytest.raises(RuntimeError):
        _keep("a.pdf", fail=True)
    assert _files(media) == []
    _keep("b.pdf")
    assert _files(media) == ["b.pdf"]


def test_a_nested_service_leaves_it_to_the_outer_one(db, media):
    @atomic_with_files
    def outer():
        _keep("first.pdf")  # committed by its own block, but the outer one fails after it
        _keep("second.pdf")
        raise RuntimeError("hỏng sau cùng")

    with pytest.raises(RuntimeError):
        outer()
    assert _files(media) == []


def test_outside_a_service_a_file_is_simply_stored(db, media):
    record = DocumentTemplate()
    store(record.file, "c.pdf", ContentFile(b"x"))
    assert _files(media) == ["c.pdf"]
