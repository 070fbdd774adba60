"""Install the fixtures' own newsletter profiles (fixtures/profiles/*.toml) for the tools.

The invented sibling newsletter (NORVIK Supply Chain Monitor, docs/profiles.md) is not
shipped with the package: its profile lives with its fixtures. The fixture and engine
renderers name it by its profile name, so they put ``fixtures/profiles`` on the profile
path (``NEWSEXTRACT_PROFILE_PATH``) as a user installing a profile would; tests/conftest.py
does the same for the tests.
"""

from __future__ import annotations

import os
from pathlib import Path

from newsextract.profiles import PROFILE_PATH_ENV

FIXTURE_PROFILES = Path(__file__).resolve().parent.parent / "fixtures" / "profiles"


def install_fixture_profiles() -> None:
    """Put fixtures/profiles first on ``NEWSEXTRACT_PROFILE_PATH`` (once)."""
    current = [p for p in os.environ.get(PROFILE_PATH_ENV, "").split(os.pathsep) if p]
    if str(FIXTURE_PROFILES) not in current:
        os.environ[PROFILE_PATH_ENV] = os.pathsep.join([str(FIXTURE_PROFILES), *current])
