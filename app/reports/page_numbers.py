"""Pages numbered "N / M": a canvas that holds its pages back until it knows M.

ReportLab writes a page as soon as the layout leaves it, before the number
of pages is known.  :class:`NumberedCanvas` keeps each finished page's state
instead and, on ``save``, writes them all with the report's footer drawn on
each, now that the total is known.  The protocol and the composition PDFs
share it, each with its own footer::

    doc.build(story, canvasmaker=numbered_canvas(draw_footer))
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from reportlab.pdfgen.canvas import Canvas

Footer = Callable[[Canvas, int, int], None]
"""Draws the foot of a page: ``footer(canvas, number, total)``."""


class NumberedCanvas(Canvas):  # type: ignore[misc]  # ReportLab has no type hints
    """A canvas that draws ``footer`` on every page once the page count is known."""

    def __init__(self, *args: Any, footer: Footer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._footer = footer
        self._held: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._held.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._held)
        for state in self._held:
            self.__dict__.update(state)
            self.saveState()
            self._footer(self, self._pageNumber, total)
            self.restoreState()
            super().showPage()
        super().save()


def numbered_canvas(footer: Footer) -> Callable[..., Canvas]:
    """A ``canvasmaker`` for ``doc.build`` whose pages carry ``footer``."""
    return partial(NumberedCanvas, footer=footer)
