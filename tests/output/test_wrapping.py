"""The one wrapping function: lines broken at spaces, counted in terminal cells."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from triage.output.wrapping import wrap

word = st.text(alphabet="abcdé\uff21日本語🙂-'", min_size=1, max_size=12)  # U+FF21: a wide A
texts = st.lists(word, min_size=1, max_size=30).map(" ".join)


@given(texts, st.integers(min_value=14, max_value=80))  # 10 cells beyond the indent, at least
def test_every_line_fits_in_cells_unless_one_word_alone_is_wider(text: str, width: int) -> None:
    for line in wrap(text, width, "  ", "    "):
        assert cell_len(line) <= width or " " not in line.strip(), (line, width)


@given(texts, st.integers(min_value=12, max_value=80))
def test_no_word_is_cut_lost_or_moved(text: str, width: int) -> None:
    assert " ".join(wrap(text, width)).split() == text.split()


def test_a_wide_character_takes_two_cells() -> None:
    # Ten CJK characters are twenty cells: at 15 they no longer fit beside "x".
    assert wrap("x 日本語日本語日本語日", 15) == ["x", "日本語日本語日本語日"]
    assert wrap("x abcdefghij", 15) == ["x abcdefghij"]
