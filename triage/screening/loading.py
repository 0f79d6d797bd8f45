"""A rule set for a shell, with the proof cache the environment names."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from triage.deciding.loaded import Loaded, load
from triage.screening.cache import proven_cache


def load_rules(
    path: Path | None, environ: Mapping[str, str], allow_unverified: bool = False
) -> Loaded:
    """The rule set at `path` (the default one without), refused (`Unverified`) when it
    fails verification unless `allow_unverified` (each result then carries a warning);
    a proof already made is not redone (TRIAGE_CACHE, else the user's cache folder)."""
    return load(path, allow_unverified=allow_unverified, proven=proven_cache(environ))


def load_verified(path: Path | None, environ: Mapping[str, str]) -> Loaded:
    """The rule set at `path`, refused when it fails verification, as the web requires."""
    return load_rules(path, environ)
