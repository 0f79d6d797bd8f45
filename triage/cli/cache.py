"""The proof cache as the command line finds it: from the command's environment.

The cache itself belongs to the screening layer (`triage.screening.cache`), which
every shell uses; this only reads the environment the command was given.
"""

from __future__ import annotations

from triage.cli.environment import Environment
from triage.screening.cache import StampFolder
from triage.screening.cache import proven_cache as _proven_cache


def proven_cache(env: Environment) -> StampFolder | None:
    """Where proven rule sets are remembered: TRIAGE_CACHE, or the user's cache folder."""
    return _proven_cache(env.environ)
