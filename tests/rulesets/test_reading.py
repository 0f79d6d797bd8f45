"""Bounded reading of input files, and YAML within limits, every problem located."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
from paths import HOSTILE

from triage.errors import RulesError
from triage.rulesets import compose
from triage.rulesets.files import Source, read_sources
from triage.rulesets.parse import parse_document
from triage.rulesets.reading import MAX_BYTES, ReadFailed, read_text

NUMBERS = HOSTILE / "corpus" / "rules" / "number.yaml"
POSIX_FILES = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs and /dev files")


@POSIX_FILES
def test_a_fifo_is_refused_at_once_not_waited_for(tmp_path: Path):
    fifo = tmp_path / "x.yaml"
    os.mkfifo(fifo)
    with pytest.raises(ReadFailed, match="pipe"):
        read_text(fifo)


@POSIX_FILES
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_a_device_is_refused(device: str):
    with pytest.raises(ReadFailed, match="device"):
        read_text(device)


def test_a_file_over_the_cap_is_refused(tmp_path: Path):
    big = tmp_path / "big.yaml"
    big.write_bytes(b"#" * (MAX_BYTES + 1))
    with pytest.raises(ReadFailed, match="larger than 4 MiB"):
        read_text(big)
    big.write_bytes(b"#" * MAX_BYTES)
    assert len(read_text(big)) == MAX_BYTES


def test_text_that_is_not_utf8_says_where(tmp_path: Path):
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"a: 1\nb: caf\xe9\n")
    with pytest.raises(ReadFailed, match=r"not UTF-8 text \(byte 12 on line 2\)"):
        read_text(bad)


def test_a_name_too_long_is_a_rules_error_naming_it(tmp_path: Path):
    path = tmp_path / ("x" * 300 + ".yaml")
    with pytest.raises(RulesError) as caught:
        read_sources(path)
    assert caught.value.problems[0].file == str(path)
    assert "too long" in caught.value.problems[0].message


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="file names are bytes here")
def test_a_folder_holding_a_name_that_is_not_utf8_is_refused_by_every_command(tmp_path: Path):
    """Its name is part of the folder's sha256: refused, by `check` and by use alike."""
    from cli_run import triage

    shutil.copy(NUMBERS, tmp_path / "a.yaml")
    (tmp_path / os.fsdecode(b"b\xff.yaml")).write_text("cautions: []\n")
    line = f"{tmp_path}: error: a rule file's name is not UTF-8 text: b\\xff.yaml (rename it)"
    for args in (
        ["rules", "check", str(tmp_path)],
        ["rules", "verify", str(tmp_path)],
        ["assess", "--rules", str(tmp_path), "-a", "pain=1", "-a", "signs=a", "-a", "pick=x"],
    ):
        result = triage(*args, expect=2)
        assert result.code == 2, args
        assert line in result.output.splitlines(), result.output


@POSIX_FILES
def test_a_folder_with_a_fifo_among_its_rule_files_is_refused(tmp_path: Path):
    (tmp_path / "a.yaml").write_text("id: x\n")
    os.mkfifo(tmp_path / "b.yaml")
    with pytest.raises(RulesError) as caught:
        read_sources(tmp_path)
    assert caught.value.problems[0].file == str(tmp_path / "b.yaml")


def test_a_folder_over_the_cap_in_all_is_refused(tmp_path: Path):
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / name).write_bytes(b"#" * (MAX_BYTES // 2 + 1))
    with pytest.raises(RulesError, match="cannot read the rule set") as caught:
        read_sources(tmp_path)
    assert "more than 4 MiB in all" in caught.value.problems[0].message


def problems(text: str) -> list[str]:
    return [str(p) for p in parse_document(Source("f.yaml", text))[1]]


def test_an_alias_bomb_stops_at_the_value_cap_with_its_place():
    text = 'a: &a ["x","x","x","x","x","x","x","x","x","x"]\n' + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 10) + "]\n"
        for i in range(6)
    )
    (found,) = problems(text)
    assert found.startswith("f.yaml:6:")
    assert f"more than {compose.MAX_NODES} values" in found


def test_aliases_within_the_cap_are_expanded_and_located():
    located, found = parse_document(Source("f.yaml", "a: &x [1, {b: c}]\nd: *x\n"))
    assert found == []
    assert located.data == {"a": [1, {"b": "c"}], "d": [1, {"b": "c"}]}
    assert located.where[("d", 1, "b")] == ("f.yaml", 1, 12)  # where the value was written


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: &a [1, *a]\n", "f.yaml:1:11: error: the alias *a is inside its own anchor"),
        ("a: *nope\n", "f.yaml:1:4: error: the alias *nope names no anchor"),
        ("a: " + "[" * 70 + "]" * 70, "f.yaml:1:67: error: nested more than 64 levels deep"),
        ("a: " + "9" * 301 + "\n", "f.yaml:1:4: error: a number with more than 300 digits"),
        ("a: " + "x" * 70000 + "\n", "f.yaml:1:4: error: a value longer than 65536"),
        ("a: !foo x\n", "f.yaml:1:4: error: the tag '!foo' is not allowed here"),
        ("a: !!python/name:os.system\n", "f.yaml:1:4: error: the tag '!!python/name:os.system'"),
        ("a: !!timestamp 2026-13-45\nb: !!bool maybe\n", "f.yaml:2:4: error: 'maybe' is not"),
        ("a: !!set {x}\n", "f.yaml:1:4: error: the tag '!!set' is not allowed here"),
        ("b: &b {x: 1}\n<<: *b\n", "f.yaml:2:1: error: merge keys (<<) are not supported"),
        ('a: "\\e[2J"\n', "f.yaml:1:4: error: a control character (U+001B) in a text"),
        ("a: 1\na: 2\n", "f.yaml:2:1: error: the key 'a' appears twice in the same mapping"),
        ("a: 1\n---\nb: 2\n", "f.yaml:2:1: error: more than one YAML document in the file"),
        ("a: 1\x00\n", "f.yaml:1:5: error: not valid YAML: a character YAML does not allow"),
    ],
)
def test_yaml_beyond_the_limits_is_one_located_problem(text: str, message: str):
    found = problems(text)
    assert any(p.startswith(message) for p in found), found


def test_a_date_stays_the_text_written_even_when_it_is_not_a_date():
    located, found = parse_document(Source("f.yaml", "a: 2026-13-45\nb: 2026-01-02\n"))
    assert found == []
    assert located.data == {"a": "2026-13-45", "b": "2026-01-02"}
