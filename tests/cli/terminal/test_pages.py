"""A long list cut into pages between its items (`triage.cli.terminal.paging.split`)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from triage.cli.terminal.paging import Page, split

heights = st.lists(st.integers(min_value=1, max_value=12), min_size=1, max_size=30)
rooms = st.integers(min_value=1, max_value=40)
extras = st.integers(min_value=0, max_value=3)


@given(heights, rooms, extras)
def test_the_pages_hold_every_item_once_in_order(items: list[int], room: int, extra: int) -> None:
    pages = split(items, room, extra)
    covered = [i for page in pages for i in range(page.start, page.end)]
    assert covered == list(range(len(items)))
    assert all(page.end > page.start for page in pages)


@given(heights, rooms, extras)
def test_each_page_fits_unless_one_item_alone_is_taller(
    items: list[int], room: int, extra: int
) -> None:
    pages = split(items, room, extra)
    for number, page in enumerate(pages):
        used = sum(items[page.start : page.end]) + (extra if number == len(pages) - 1 else 0)
        assert used <= room or page.end - page.start == 1


@given(heights, rooms, extras)
def test_a_list_that_fits_is_one_page(items: list[int], room: int, extra: int) -> None:
    pages = split(items, room, extra)
    fits = sum(items) + extra <= room
    assert (len(pages) == 1) == (fits or len(items) == 1)


def test_the_none_line_never_leaves_the_last_page_over_full() -> None:
    # 3 + 3 fit in 6, but not with the "none of these" line: the last item moves on.
    assert split([3, 3, 3], 6, 1) == [Page(0, 2), Page(2, 3)]
    assert split([3, 3], 6, 1) == [Page(0, 1), Page(1, 2)]
