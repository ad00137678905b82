"""Organizer exports, grouped by job (docs/exports.md).

- :mod:`tipline.export.pii` - finding identifying details and redacting them
  (pure): ``find_identifying(text, *, people=(), language=None) ->
  list[Finding]``; ``apply_redactions(text, findings, accepted,
  style="label"|"redacted") -> str``; ``highlight(text, findings) ->
  list[Segment]``; ``redact_all(...)`` in :mod:`tipline.export.pii.redaction`,
  one module per detector beside it.
- :mod:`tipline.export.summaries` - the services (take a ``Session``, never
  commit): sealed drafts, writing, deciding and approving a summary, and
  what organizers may see.
- :mod:`tipline.export.rendering` - files and pictures (pure): CSV and JSON
  (``formats``), the PDF report (``pdf``), the county map and monthly series
  as SVG (``charts``, ``shapes``).
- :mod:`tipline.export.aggregate` - counts by county, month and tag with
  small counts suppressed (pure), shared by the services and the rendering:
  ``aggregate(rows: Iterable[TipFacts], *, counties, months=None, tags=None,
  threshold=3) -> Aggregates``; ``month_of(date)``.

Dependencies run one way: summaries -> pii, rendering, aggregate;
rendering -> aggregate.
"""
