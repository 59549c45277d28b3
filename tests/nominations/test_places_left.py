"""The places the nomination form says are left agree with what the quota check accepts: adding exactly
that many of a kind is accepted, one more is refused."""

from collections import Counter

from hypothesis import example, given
from hypothesis import strategies as st

from guongsang.nominations import rules as R
from tests.nominations.test_rules import MEMBERS, RULE

C, IND, M = R.COLLECTIVE, R.INDIVIDUAL, R.MODEL
KINDS = (C, IND, M)

COUNTS = st.fixed_dictionaries({k: st.integers(0, 3) for k in KINDS})


def blocked(rule, members, counts) -> bool:
    unit = R.UnitFacts("k", "Loại", "Đơn vị", members)
    return bool(R.blocking(R.check_quota([rule], unit, counts)))


def plus(counts, kind, n):
    out = Counter(counts)
    out[kind] += n
    return dict(out)


TOTAL_WITH_BONUS = R.QuotaSpec(
    unit_kind="k", unit_kind_name="Loại", mode="total", collectives=1, individuals=1, max_total=2,
    bonus_threshold=100, bonus_individuals=1,
)  # fmt: skip


@given(rule=RULE, members=MEMBERS, counts=COUNTS)
@example(rule=TOTAL_WITH_BONUS, members=100, counts={C: 0, IND: 2, M: 0})  # the bonus place is an individual's
@example(rule=TOTAL_WITH_BONUS, members=100, counts={C: 1, IND: 1, M: 0})
@example(rule=TOTAL_WITH_BONUS, members=99, counts={C: 1, IND: 0, M: 0})
def test_the_places_left_are_exactly_what_the_check_still_accepts(rule, members, counts):
    if blocked(rule, members, counts):
        return  # a unit already over its quota is told so by the check; "places left" is for the others
    left = R.remaining([rule], R.UnitFacts("k", "Loại", "Đơn vị", members), counts)
    for kind in KINDS:
        assert not blocked(rule, members, plus(counts, kind, left[kind])), (kind, left)
        assert blocked(rule, members, plus(counts, kind, left[kind] + 1)), (kind, left)


def test_the_bonus_place_of_a_total_rule_is_shown_for_an_individual_only():
    big = R.UnitFacts("k", "Loại", "Đảng bộ lớn", 100)
    assert R.remaining([TOTAL_WITH_BONUS], big, {}) == {C: 2, IND: 3, M: 0}
    # Two collectives fill the two places; the third, the bonus, is an individual's.
    assert R.remaining([TOTAL_WITH_BONUS], big, {C: 1, IND: 1}) == {C: 1, IND: 1, M: 0}
    assert R.remaining([TOTAL_WITH_BONUS], big, {C: 2}) == {C: 0, IND: 1, M: 0}
    small = R.UnitFacts("k", "Loại", "Đảng bộ nhỏ", 99)
    assert R.remaining([TOTAL_WITH_BONUS], small, {C: 1, IND: 1}) == {C: 0, IND: 0, M: 0}
