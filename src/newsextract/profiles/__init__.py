"""Newsletter profiles: a newsletter described once, in a TOML data file.

:class:`Profile` is the validated model (:mod:`newsextract.profiles.model`);
:func:`load_profile`, :func:`builtin_profiles`, :func:`installed_profiles` and
:func:`resolve_profile` read and find profile files (:mod:`newsextract.profiles.loader`).
docs/profiles.md tells how to write one.
"""

from newsextract.profiles.loader import (
    PROFILE_PATH_ENV,
    ProfileSpec,
    builtin_profiles,
    installed_profiles,
    load_profile,
    parse_profile,
    resolve_profile,
)
from newsextract.profiles.model import Profile

__all__ = [
    "PROFILE_PATH_ENV",
    "Profile",
    "ProfileSpec",
    "builtin_profiles",
    "installed_profiles",
    "load_profile",
    "parse_profile",
    "resolve_profile",
]
