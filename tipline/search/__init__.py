"""Search over decrypted content, for an unlocked reviewer only (issue 5, part 2).

What can be searched is a registry of *kinds* (:mod:`tipline.search.registry`):
tips, case details and case notes now (:mod:`tipline.search.kinds`); source
messages and replies plug in with one registered loader when they exist.
:func:`tipline.search.engine.search` walks the tips the inbox filters select,
newest first, opens each in turn with the reviewer's identity, and matches
case- and accent-insensitively (:mod:`tipline.search.text`).

Nothing readable is stored to make this fast: there is no index, on disk or
in memory. Each search opens what it reads for the length of one request and
drops it; a scan budget and keyset continuation bound the cost of a request
however many tips there are. ``bench/search.py`` measures the cost against
simply opening every tip.

No Flask here; the view is tipline.review.search.
"""

from __future__ import annotations


class SearchError(Exception):
    """A search cannot run as asked; the message is safe to show."""


class QueryError(SearchError, ValueError):
    """The query is empty, too long, or has nothing to look for."""


__all__ = ["QueryError", "SearchError"]
