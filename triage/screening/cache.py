"""Where proven rule sets are remembered, so a rule set is not proven at every start.

A stamp spares a proof, so a stamp someone else could plant would let an unsafe
rule set run as proven. A stamp is therefore trusted only in a folder that the user
alone owns and can write, from a file the user owns that nobody else can write, and
only if it records exactly what was proven: the rule set's sha256, the tool's
version and the properties. Anything else is ignored (the rule set is proven again)
and never written into.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

FORMAT = 1  # the stamp's own layout


def private(info: os.stat_result, kind: int) -> bool:
    """Of this kind, owned by this user, and writable by nobody else."""
    getuid = getattr(os, "getuid", None)
    if getuid is None:  # no owners to check (Windows): never trust a stamp
        return False
    return (
        stat.S_IFMT(info.st_mode) == kind
        and info.st_uid == getuid()
        and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    )


@dataclass(frozen=True)
class StampFolder:
    """A private folder of `<sha256>-<version>.verified` files, each naming what it proves."""

    folder: Path

    def _stamp(self, sha256: str, version: str) -> Path:
        return self.folder / f"{sha256}-{version}.verified"

    def _record(self, sha256: str, version: str, properties: Sequence[str]) -> dict[str, object]:
        return {
            "format": FORMAT,
            "sha256": sha256,
            "version": version,
            "properties": sorted(properties),
        }

    def trusted(self) -> bool:
        """Whether the folder is the user's alone (a shared or foreign folder never is)."""
        try:
            return private(os.stat(self.folder), stat.S_IFDIR)
        except (OSError, ValueError):  # e.g. a TRIAGE_CACHE too long: no cache, no error
            return False

    def known(self, sha256: str, version: str, properties: Sequence[str]) -> bool:
        import json  # here, not at start-up: `triage --version` never reads a stamp

        if not self.trusted():
            return False
        try:
            fd = os.open(self._stamp(sha256, version), os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except (OSError, ValueError):  # e.g. a TRIAGE_CACHE too long: no cache, no error
            return False
        try:
            if not private(os.fstat(fd), stat.S_IFREG):
                return False
            with os.fdopen(fd, "rb", closefd=False) as stamp:
                text = stamp.read(4096)
            record = json.loads(text.decode("utf-8"))
        except (OSError, ValueError):
            return False
        finally:
            os.close(fd)
        return bool(record == self._record(sha256, version, properties))

    def remember(self, sha256: str, version: str, properties: Sequence[str]) -> None:
        import json
        import tempfile

        try:
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            if not self.trusted():
                return  # never write a proof where someone else could change it
            record = json.dumps(self._record(sha256, version, properties)).encode("utf-8")
            fd, scratch = tempfile.mkstemp(dir=self.folder, prefix=".stamp-")
            try:
                os.write(fd, record)
                os.close(fd)
                os.replace(scratch, self._stamp(sha256, version))
            except (OSError, ValueError):  # e.g. a TRIAGE_CACHE too long: no cache, no error
                os.unlink(scratch)
                raise
        except (OSError, ValueError):  # e.g. a TRIAGE_CACHE too long: no cache, no error
            pass  # a cache that cannot be written only costs time


def proven_cache(environ: Mapping[str, str]) -> StampFolder | None:
    """Where proven rule sets are remembered: TRIAGE_CACHE, or the user's cache folder."""
    if "TRIAGE_CACHE" in environ:
        chosen = environ["TRIAGE_CACHE"]
        return StampFolder(Path(chosen)) if chosen else None
    import platformdirs

    return StampFolder(platformdirs.user_cache_path("massage-triage") / "verified")
