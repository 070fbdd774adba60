"""Shared pytest configuration: the Hypothesis profiles of the property-based tests.

``ci`` (the default) runs a modest, deterministic number of examples; ``thorough`` runs
thousands locally. Pick one with the environment variable ``HYPOTHESIS_PROFILE``::

    HYPOTHESIS_PROFILE=thorough python -m pytest tests/test_roundtrip.py -q

The profiles are applied by the tests that ask for them
(``@settings(settings.get_profile(PROFILE))`` in ``tests/test_roundtrip.py``), so other
Hypothesis tests keep their own settings.

The fixtures' own newsletter profiles (``fixtures/profiles``: the invented NORVIK Supply
Chain Monitor, see docs/profiles.md) are installed for every test, as a user installs a
profile: on ``NEWSEXTRACT_PROFILE_PATH`` (inherited by the batch's worker processes).
"""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, settings

from newsextract.profiles import PROFILE_PATH_ENV

FIXTURE_PROFILES = Path(__file__).resolve().parents[1] / "fixtures" / "profiles"
os.environ[PROFILE_PATH_ENV] = os.pathsep.join(
    [str(FIXTURE_PROFILES), *(p for p in os.environ.get(PROFILE_PATH_ENV, "").split(os.pathsep)
                              if p and p != str(FIXTURE_PROFILES))])

_SLOW = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example]

settings.register_profile(
    "ci", max_examples=25, deadline=None, derandomize=True, print_blob=True,
    suppress_health_check=_SLOW,
)
settings.register_profile(
    "thorough", max_examples=2000, deadline=None, print_blob=True,
    suppress_health_check=_SLOW,
)

