"""One YAML parser everywhere: a file reads the same whether PyYAML has libyaml or not.

libyaml (PyYAML's optional C parser) accepts what PyYAML's Python parser refuses and
the reverse, so reading goes through the Python parser only. These tests read every
YAML file of the hostile corpus, and the shipped rule files, in this process and in a
child process where libyaml cannot be imported, and compare what each one made of them.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from paths import ROOT

from triage.rulesets.files import Source
from triage.rulesets.parse import parse_document

FILES = sorted(
    path
    for folder in ("tests/hostile/corpus", "rules")
    for path in (ROOT / folder).rglob("*")
    if path.suffix in (".yaml", ".yml", ".json")
)
READ = """
import json, sys
from pathlib import Path
from triage.rulesets.files import Source
from triage.rulesets.parse import parse_document

sys.set_int_max_str_digits(0)
found = {}
for name in sys.argv[1:]:
    text = Path(name).read_bytes().decode("utf-8", "replace")
    located, problems = parse_document(Source(name, text))
    found[name] = [repr(located.data), [(p.line, p.column, p.message) for p in problems]]
print(json.dumps(found))
"""


BIG = 100_000  # bytes: the Python parser takes seconds over the largest corpus files


def _read_here(files: list[Path]) -> dict[str, list[object]]:
    sys.set_int_max_str_digits(0)
    found: dict[str, list[object]] = {}
    for path in files:
        text = path.read_bytes().decode("utf-8", "replace")
        located, problems = parse_document(Source(str(path), text))
        found[str(path)] = [repr(located.data), [[p.line, p.column, p.message] for p in problems]]
    return found


def _read_without_libyaml(files: list[Path]) -> dict[str, list[object]]:
    hide = "import sys; sys.modules['yaml._yaml'] = None\n"
    child = subprocess.run(
        [sys.executable, "-c", hide + READ, *map(str, files)],
        capture_output=True,
        check=True,
        text=True,
        env={"TRIAGE_LANG": "en", "PATH": "/usr/bin:/bin"},
    )
    return json.loads(child.stdout)  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    "big",
    [False, pytest.param(True, marks=pytest.mark.slow)],
    ids=["files under 100 kB", "larger files"],
)
def test_every_corpus_file_reads_the_same_with_or_without_libyaml(big: bool):
    files = [path for path in FILES if (path.stat().st_size > BIG) == big]
    assert len(files) >= (2 if big else 100)
    assert _read_here(files) == _read_without_libyaml(files)


@pytest.mark.skipif(not getattr(yaml, "__with_libyaml__", False), reason="libyaml not built")
@pytest.mark.parametrize(
    ("text", "column"),
    [
        ("a: {text: Pain?}\n", 15),  # libyaml takes the '?' as part of the text
        ("a:\tb\n", 3),  # libyaml takes the tab as a space
    ],
    ids=["question-mark-in-braces", "tab-after-colon"],
)
def test_what_only_libyaml_accepts_is_refused_at_its_place(text: str, column: int):
    loader = yaml.CSafeLoader(text)
    try:
        assert loader.get_single_data() is not None  # libyaml would have taken it
    finally:
        loader.dispose()
    _located, problems = parse_document(Source("f.yaml", text))
    assert [(p.line, p.column, p.code) for p in problems] == [(1, column, "yaml-syntax")]
    assert problems[0].hint  # says how to write it


@pytest.mark.skipif(not getattr(yaml, "__with_libyaml__", False), reason="libyaml not built")
def test_a_version_libyaml_refuses_is_read_as_the_python_parser_reads_it():
    text = "%YAML 1.3\n---\na: 1\n"
    with pytest.raises(yaml.YAMLError):
        yaml.load(text, Loader=yaml.CSafeLoader)  # the safe C loader
    located, problems = parse_document(Source("f.yaml", text))
    assert (located.data, problems) == ({"a": 1}, [])


def test_an_escape_for_half_a_character_is_refused_at_its_place():
    located, problems = parse_document(Source("f.yaml", 'a: x\nb: "\\ud800"\n'))
    assert located.data == {"a": "x", "b": None}
    assert [(p.line, p.column) for p in problems] == [(2, 4)]
    assert "U+D800" in problems[0].message
