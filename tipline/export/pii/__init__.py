"""Finding identifying details in a summary and redacting them (pure, no Flask, no database).

:func:`tipline.export.pii.redaction.find_identifying` runs every detector and
:func:`~tipline.export.pii.redaction.apply_redactions` applies a reviewer's
decisions. The detectors, one job each: :mod:`.detectors` (emails, URLs,
handles, SSNs, A-numbers, ID numbers, phones), :mod:`.plates`, :mod:`.dates`
(dates of birth), :mod:`.addresses`, :mod:`.names` (the case's people list),
:mod:`.likely_names` (the heuristic, with its word lists in
:mod:`.namewords`) and :mod:`.name_shapes` (all-caps and lower-case names),
both reading the Census name lists through :mod:`.name_lexicon`;
:mod:`.places` tells a name inside a place or institution name;
:mod:`.lookalikes` keeps case numbers and statutes readable; :mod:`.findings`
is the shared :class:`Finding` type. :mod:`.unreviewed` lists what no finding
covers, for the reviewer's "Check these".
"""
