"""Organizer exports: the pure core (no Flask, no database).

Modules and the calls a view needs (see each module's docstring):

- :mod:`.redaction` - ``find_identifying(text, *, people=(), language=None)
  -> list[Finding]``; ``apply_redactions(text, findings, accepted,
  style="label"|"redacted") -> str``; ``highlight(text, findings) ->
  list[Segment]``; ``redact_all(text, *, people=(), style="label",
  include_low=True) -> str``. Detectors live in :mod:`.detectors`,
  :mod:`.dates`, :mod:`.addresses`, :mod:`.names`, :mod:`.likely_names`;
  look-alikes that stay readable in :mod:`.lookalikes`.
- :mod:`.aggregate` - ``aggregate(rows: Iterable[TipFacts], *, counties,
  months=None, tags=None, threshold=3) -> Aggregates``; ``month_of(date)``.
- :mod:`.charts` - ``county_map_svg(breakdown, *, states, title, width) ->
  str``; ``time_series_svg(breakdown, *, title, width, height) -> str``.
- :mod:`.formats` - ``ExportSummary``; ``to_csv``/``read_csv``,
  ``to_json``/``read_json``; ``COLUMNS``.
- :mod:`.pdf` - ``build_report(summaries, aggregates, *, states,
  generated_month, title, organization) -> bytes``.
"""
