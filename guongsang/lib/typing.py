"""Types shared by the statically checked modules (see docs/testing.md, "Static types").

The project keeps Django's default user model (no AUTH_USER_MODEL), so both aliases name
`django.contrib.auth.models.User`:

- `AnyUser`: whoever a request comes from, signed in or not; what the permission checks take.
- `Actor`: the signed-in user who performs a service call. Services record them (created_by,
  submitted_by, …), so an anonymous user is never an actor: views reach services only behind
  a sign-in and a permission check.

Annotations are not evaluated at run time (`from __future__ import annotations`), so the run-time
values are placeholders and importing this module loads no models.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeAlias

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    AnyUser: TypeAlias = User | AnonymousUser
    Actor: TypeAlias = User
else:
    AnyUser = Any
    Actor = Any
