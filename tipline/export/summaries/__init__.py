"""Summaries for sharing: the services behind the summary editor and the organizer pages.

Warehouse style (docs/development.md): functions take a ``Session``, raise a
:class:`~tipline.export.summaries.drafts.SummaryError` subclass and never
commit. :mod:`.drafts` seals a draft and its redaction decisions;
:mod:`.service` writes, decides and approves a summary (one audit event each);
:mod:`.selection` reads what organizers may see: approved summaries and the
aggregate figures, from clear columns only.
"""
