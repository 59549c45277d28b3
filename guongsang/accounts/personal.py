"""Need to know for personal data: the one policy every surface asks.

Personal data is a person's birth year, ethnicity and yearly ratings (SPEC.md, "Need to know"). A user
may see them when

- the user may perform ``personal_data.view`` (manager, leader, reviewer, unit head, administrator)
  at the person's unit or above it; or
- the person is a nominee of the user's own unit: the user is a submitter (``donvi``) at the nominating
  unit or above it, and that unit has saved a nomination of the person. The submitter prepares the
  dossier (the achievement report prints the birth year and ethnicity) and fixes what the rule check
  finds; creating the nomination is in the audit log, which the head and the manager read.

Nobody else sees them: not office staff, not a submitter for people its unit has not nominated (the live
rule check before saving gives such a submitter a verdict without the grades), not a sibling unit.
Pages, documents, exports, rule messages and htmx fragments all go through ``policy_for(user)``; what
is withheld is shown as ``WITHHELD``. docs/security.md has the table.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from guongsang.accounts.permissions import is_admin, paths_for, scope_filter
from guongsang.lib.typing import AnyUser

if TYPE_CHECKING:
    from guongsang.nominations.models import Nomination
    from guongsang.nominations.rules import Finding
    from guongsang.org.models import Person, Unit

# Who may see the personal data of the people their unit has nominated.
# What a document or page shows in place of a withheld field.
WITHHELD = "(không hiển thị)"


class PersonalPolicy:
    """The personal-data policy for one viewer. Cheap to ask many times: the viewer's scopes are read
    once, and the people its units have nominated with at most one query."""

    def __init__(self, user: AnyUser) -> None:
        self.user = user
        self.admin = is_admin(user)
        self.paths = paths_for(user, "personal_data.view")
        self.nominator_paths = paths_for(user, "nominee_data.prepare")
        self._nominated: set[int] | None = None

    def _nominees(self) -> set[int]:
        if self._nominated is None:
            from guongsang.nominations.models import Nomination

            self._nominated = set(
                Nomination.objects.filter(scope_filter(self.nominator_paths, "unit__path"), person__isnull=False)
                .values_list("person_id", flat=True)
                .distinct()
            )
        return self._nominated

    def covers(self, unit: Unit) -> bool:
        """May the viewer see the personal data of everyone in ``unit``'s subtree (a list of people)?"""
        return self.admin or any(unit.path.startswith(p) for p in self.paths)

    def allows(self, person: Person | None) -> bool:
        """May the viewer see this person's birth year, ethnicity and ratings?"""
        if person is None or person.pk is None:
            return False
        if self.admin:
            return True
        if self.covers(person.unit):
            return True
        return bool(self.nominator_paths) and person.pk in self._nominees()

    def details(self, person: Person) -> dict[str, Any]:
        """The person's personal fields as this viewer may see them (``WITHHELD`` otherwise)."""
        if self.allows(person):
            return {"birth_year": person.birth_year or "", "ethnicity": person.ethnicity}
        return {"birth_year": WITHHELD, "ethnicity": WITHHELD}

    def findings(self, findings: Iterable[Finding], person: Person | None) -> list[Finding]:
        """Rule findings about ``person`` as this viewer may read them: a finding that tells a grade
        keeps its verdict and loses the grades (and its data) unless the viewer may see them."""
        findings = list(findings)
        if person is None or self.allows(person):
            return findings
        return [dataclasses.replace(f, message=f.public, data={}) if f.private else f for f in findings]

    def nomination_findings(self, findings: Iterable[Finding], nomination: Nomination) -> list[Finding]:
        """A nomination's findings as this viewer may read them (about its person, when it names one)."""
        return self.findings(findings, nomination.person if nomination.person_id else None)


def policy_for(user: AnyUser) -> PersonalPolicy:
    return PersonalPolicy(user)
