"""Turning approved summaries and suppressed counts into files and pictures (pure).

:mod:`.formats` (CSV and JSON, :class:`~tipline.export.rendering.formats.ExportSummary`),
:mod:`.pdf` (the organizer report, fpdf2), :mod:`.charts` (the county map and
the monthly series as SVG) and :mod:`.shapes` (county outlines from the
committed data file). They take what :mod:`tipline.export.aggregate` and the
summary services computed and never query or open anything.
"""
