"""A pytest plugin used only by `make mutate`: leave out the tests that need the whole demo data.

mutmut runs, for every mutant, the tests that reach the mutated function. A test that asks for the
`demo` fixture (directly or through another fixture) loads the full demo tree first, which takes
about ten seconds on this machine, once per mutant; those tests are deselected here so that each
mutant costs seconds, not minutes. Browser journeys are left out by the command line (e2e).
"""

from __future__ import annotations

SLOW_FIXTURES = frozenset({"demo"})


def pytest_collection_modifyitems(config, items):
    keep, drop = [], []
    for item in items:
        (drop if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())) else keep).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep
