from guongsang.accounts.models import Role
from guongsang.accounts.permissions import grants, is_admin, roles_of


def navigation(request):
    """What the navigation bar offers, by the user's roles."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    roles = {g.role for g in grants(user)}
    admin = is_admin(user)
    return {
        "nav_roles": sorted(Role(r).label for r in roles),
        "nav_can_audit": admin or bool(roles & roles_of("audit.view")),
        "nav_is_admin": admin or user.is_staff,
    }
