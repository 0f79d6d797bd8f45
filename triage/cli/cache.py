"""Where proven rule sets are remembered, so a rule set is not proven at every start."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from triage.cli.environment import Environment


@dataclass(frozen=True)
class StampFolder:
    """A folder of empty `<sha256>-<version>.verified` files, one per proven rule set."""

    folder: Path

    def _stamp(self, sha256: str, version: str) -> Path:
        return self.folder / f"{sha256}-{version}.verified"

    def known(self, sha256: str, version: str) -> bool:
        try:
            return self._stamp(sha256, version).is_file()
        except (OSError, ValueError):  # e.g. a TRIAGE_CACHE too long: no cache, not an error
            return False

    def remember(self, sha256: str, version: str) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._stamp(sha256, version).touch()
        except (OSError, ValueError):
            pass  # a cache that cannot be written only costs time


def proven_cache(env: Environment) -> StampFolder | None:
    """Where proven rule sets are remembered: TRIAGE_CACHE, or the user's cache folder."""
    if "TRIAGE_CACHE" in env.environ:
        chosen = env.environ["TRIAGE_CACHE"]
        return StampFolder(Path(chosen)) if chosen else None
    import platformdirs

    return StampFolder(platformdirs.user_cache_path("massage-triage") / "verified")
