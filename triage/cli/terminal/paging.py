"""A long list question in pages that each fit the terminal, the question kept in view.

At 40 columns the emergency signs are some 70 lines: asked whole, the question and its
first items have scrolled away when the person answers. An item's words are never
shortened (a lay reader decides on those exact words), so the list is cut between items
instead: every page shows the question, some items and the prompt, and "none of these"
is offered only on the last page, once every item has been seen.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Page:
    """Items `start` to `end` (indexes into the list, end excluded)."""

    start: int
    end: int


def split(heights: Sequence[int], room: int, last_extra: int = 0) -> list[Page]:
    """The items, in order, in pages of at most `room` lines each (an item taller than
    `room` alone on its page); `last_extra` lines more on the last page (its "none of
    these" line). One page when everything fits."""
    if sum(heights) + last_extra <= room:
        return [Page(0, len(heights))]
    pages: list[Page] = []
    start, used = 0, 0
    for index, height in enumerate(heights):
        if index > start and used + height > room:
            pages.append(Page(start, index))
            start, used = index, 0
        used += height
    if used + last_extra > room and len(heights) - start > 1:
        # The "none of these" line does not fit: the last item moves to a page of its own.
        pages.append(Page(start, len(heights) - 1))
        start = len(heights) - 1
    pages.append(Page(start, len(heights)))
    return pages


@dataclass
class Paging:
    """Where a person is in a paged question, and the numbers ticked on each page."""

    pages: list[Page]
    at: int = 0
    ticked: dict[int, str] = field(default_factory=dict)

    @property
    def last(self) -> bool:
        return self.at == len(self.pages) - 1

    def earlier_ticks(self) -> list[str]:
        """The numbers ticked on the pages before the last, in page order."""
        return [self.ticked[p] for p in sorted(self.ticked) if p != len(self.pages) - 1]
