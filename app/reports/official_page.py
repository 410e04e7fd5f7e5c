"""The page of an official document: A4 with the margins every Kenes document uses.

Left 30 mm (for the binding), right 15 mm, top and bottom 20 mm, as the rules for
official documents of Kazakhstan set them; the PDF reports use the values in points,
the DOCX export in millimetres.
"""

from __future__ import annotations

from reportlab.lib.units import mm

LEFT_MARGIN_MM = 30
RIGHT_MARGIN_MM = 15
TOP_MARGIN_MM = 20
BOTTOM_MARGIN_MM = 20

LEFT_MARGIN = LEFT_MARGIN_MM * mm
RIGHT_MARGIN = RIGHT_MARGIN_MM * mm
TOP_MARGIN = TOP_MARGIN_MM * mm
BOTTOM_MARGIN = BOTTOM_MARGIN_MM * mm

PRODUCER = "Kenes"
"""Author, creator and producer in every document's metadata."""
