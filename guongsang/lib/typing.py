"""Types shared by the statically checked modules (see docs/testing.md, "Static types").

`Actor` is whoever performs a service call or a permission check: a signed-in user or the
anonymous one. The project keeps Django's default user model (no AUTH_USER_MODEL). Annotations
are not evaluated at run time (`from __future__ import annotations`), so the run-time value is a
placeholder and importing this module loads no models.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeAlias

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    Actor: TypeAlias = User | AnonymousUser
else:
    Actor = Any
