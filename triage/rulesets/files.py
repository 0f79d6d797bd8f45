"""Finding and reading rule-set files: the only part of loading that touches the disk."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from triage.errors import Problem, RulesError
from triage.i18n import _
from triage.rulesets.reading import MAX_BYTES, ReadFailed, kind_of, read_text

CASES_SUFFIX = ".cases.yaml"


@dataclass(frozen=True)
class Source:
    """One rule-set file's text and the name to report it by."""

    name: str
    text: str


def default_rules_path() -> Path:
    """The rule set shipped inside the package (or at the top of a source checkout)."""
    here = Path(__file__).resolve().parent.parent  # the triage package
    packaged = here / "rules" / "default.yaml"
    return packaged if packaged.exists() else here.parent / "rules" / "default.yaml"


def rule_files(path: Path) -> list[Path]:
    """The YAML files of a rule set: the file itself, or a folder's files in name order."""
    if path.is_dir():
        files = [*path.glob("*.yaml"), *path.glob("*.yml")]
        return sorted(f for f in files if not f.name.endswith(CASES_SUFFIX))
    return [path]


def _cannot_read(path: Path | str, reason: str) -> RulesError:
    message = _("cannot read the file: {reason}").format(reason=reason)
    problem = Problem(message, "", str(path), code="unreadable-file")
    return RulesError([problem], _("cannot read the rule set"))


def read_sources(path: Path | None = None) -> list[Source]:
    """Read a rule set's files, each once and bounded (see `reading`).

    A path that is missing, not a regular file, too large or not UTF-8, or a folder
    without rule files, is a `RulesError` naming it. A folder's files together may
    hold at most `MAX_BYTES`, like one file.
    """
    path = path or default_rules_path()
    try:
        kind = kind_of(path)
        if kind == "missing":
            problem = Problem(
                _("no such file or folder"), _("check the path"), str(path), code="no-such-path"
            )
            raise RulesError([problem], _("cannot read the rule set"))
        files = rule_files(path) if kind == "dir" else [path]
    except ReadFailed as failed:
        raise _cannot_read(failed.path, failed.reason) from None
    except OSError as error:  # listing the folder
        raise _cannot_read(path, error.strerror or str(error)) from None
    unnamed = [file for file in files if not _utf8(file.name)]
    if unnamed and kind == "dir":
        # A folder's file names are part of its sha256 (see `load.fingerprint`): a name
        # that is not UTF-8 text has no single spelling to print or to digest.
        problem = Problem(
            _("a rule file's name is not UTF-8 text: {name}").format(
                name=os.fsencode(unnamed[0].name).decode("utf-8", "backslashreplace")
            ),
            _("rename it"),
            str(path),
            code="unreadable-file",
        )
        raise RulesError([problem], _("cannot read the rule set"))
    if not files:
        problem = Problem(
            _("no rule-set file (*.yaml or *.yml) in this folder"),
            _("give a .yaml file or a folder of them"),
            str(path),
            code="no-rule-files",
        )
        raise RulesError([problem], _("cannot read the rule set {path}").format(path=path))
    sources = []
    total = 0
    for file in files:
        try:
            # Bytes as they are (no newline translation), so the fingerprint is the file's.
            text = read_text(file)
        except ReadFailed as failed:
            raise _cannot_read(failed.path, failed.reason) from None
        total += len(text.encode("utf-8"))
        if total > MAX_BYTES:
            raise _cannot_read(
                path,
                _("its files hold more than {size} MiB in all").format(
                    size=MAX_BYTES // (1024 * 1024)
                ),
            )
        sources.append(Source(str(file), text))
    return sources


def _utf8(name: str) -> bool:
    """Whether a file name is UTF-8 text (one the system gave with surrogate escapes is not)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def rules_identity(path: Path) -> tuple[str, str]:
    """A rule set's id and version, read without validating it (for `--version`).

    The top-level `id:` and `version:` lines are read directly, so `--version` does
    not load a YAML parser; anything unusual (flow style, a folder) goes to PyYAML.
    """
    found: dict[str, str] = {}
    try:
        if path.is_file():
            with path.open(encoding="utf-8") as lines:
                for line in lines:
                    key, sep, value = line.partition(":")
                    value = value.split(" #", 1)[0].strip().strip("'\"")
                    if sep and key in ("id", "version") and value:
                        found[key] = value
                    if len(found) == 2:
                        return found["id"], found["version"]
    except (OSError, UnicodeDecodeError):
        return ("unreadable", "?")
    return _identity_from_yaml(path)


def _identity_from_yaml(path: Path) -> tuple[str, str]:
    import yaml

    from triage.rulesets.compose import SafeLoader

    data: dict[str, object] = {}
    try:
        for file in rule_files(path):
            loader = SafeLoader(read_text(file))
            try:
                part = loader.get_single_data()
            finally:
                loader.dispose()
            if isinstance(part, dict):
                data.update(part)
    except (OSError, ReadFailed, yaml.YAMLError, ValueError, TypeError, AttributeError):
        return ("unreadable", "?")
    return (str(data.get("id", "?")), str(data.get("version", "?")))


def case_files(path: Path) -> list[Path]:
    """The scenario cases beside a rule set: NAME.cases.yaml, or *.cases.yaml in its folder."""
    if path.is_dir():
        return sorted(path.glob(f"*{CASES_SUFFIX}"))
    beside = path.with_name(path.name.removesuffix(path.suffix) + CASES_SUFFIX)
    return [beside] if beside.exists() else []


def read_case_sources(path: Path) -> list[Source]:
    """The cases files beside a rule set, each read once and bounded (see `reading`)."""
    try:
        files = case_files(path)
        return [Source(str(f), read_text(f)) for f in files]
    except ReadFailed as failed:
        raise _cannot_read(failed.path, failed.reason) from None
    except OSError as error:
        raise _cannot_read(path, error.strerror or str(error)) from None
