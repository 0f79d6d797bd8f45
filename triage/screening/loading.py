"""A verified rule set for a shell, with the proof cache the environment names."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from triage.deciding.loaded import Loaded, load
from triage.screening.cache import proven_cache


def load_verified(path: Path | None, environ: Mapping[str, str]) -> Loaded:
    """The rule set at `path` (the default one without), refused (`Unverified`) when it
    fails verification, as every command refuses it; a proof already made is not redone."""
    return load(path, allow_unverified=False, proven=proven_cache(environ))
