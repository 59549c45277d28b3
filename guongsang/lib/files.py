"""Files stored by a service live on disk, outside the database's transaction: when the transaction
rolls back, the rows are gone but the files would stay. `atomic_with_files` runs a service in a
transaction and removes again every file `store` wrote inside it when the transaction does not commit.
Nested calls (escalation storing dossier files through the nominations service) share the outermost
ledger, so a failure anywhere removes every file of the whole operation."""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, ParamSpec, TypeVar

from django.core.files import File
from django.db import transaction
from django.db.models.fields.files import FieldFile

P = ParamSpec("P")
T = TypeVar("T")
_local = threading.local()


@contextmanager
def _ledger() -> Iterator[None]:
    if getattr(_local, "files", None) is not None:  # an outer ledger decides
        yield
        return
    _local.files = []
    try:
        yield
    except BaseException:
        for storage, name in _local.files:
            storage.delete(name)
        raise
    finally:
        _local.files = None


def atomic_with_files(func: Callable[P, T]) -> Callable[P, T]:
    """`transaction.atomic`, and the files stored inside are removed if it does not commit (the
    ledger is outside the transaction, so a failing commit removes them too)."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
        with _ledger(), transaction.atomic():
            return func(*args, **kwargs)

    return wrapper


def store(field: FieldFile, name: str, content: File | Any) -> None:
    """Save `content` into the file field (without saving its row), on the ledger when there is one."""
    field.save(name, content, save=False)
    files = getattr(_local, "files", None)
    if files is not None and field.name:
        files.append((field.storage, field.name))
