"""Shared pytest configuration: the Hypothesis profiles of the property-based tests.

``ci`` (the default) runs a modest, deterministic number of examples; ``thorough`` runs
thousands locally. Pick one with the environment variable ``HYPOTHESIS_PROFILE``::

    HYPOTHESIS_PROFILE=thorough python -m pytest tests/test_roundtrip.py -q

The profiles are applied by the tests that ask for them
(``@settings(settings.get_profile(PROFILE))`` in ``tests/test_roundtrip.py``), so other
Hypothesis tests keep their own settings.
"""

from __future__ import annotations

from hypothesis import HealthCheck, settings

_SLOW = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example]

settings.register_profile(
    "ci", max_examples=25, deadline=None, derandomize=True, print_blob=True,
    suppress_health_check=_SLOW,
)
settings.register_profile(
    "thorough", max_examples=2000, deadline=None, print_blob=True,
    suppress_health_check=_SLOW,
)

