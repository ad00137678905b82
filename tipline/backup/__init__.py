"""Sealed backups: one age file holding everything an instance needs to come back.

``tipline backup create`` streams a tar archive through tipline's own age
writer into one file sealed to the organization recipients (plus any offline
backup recipients), so a stolen backup opens nothing. Inside, in this order:

- ``tipline-backup.json``: format version, schema revision, when;
- ``instance/...``: the instance folder's own files (``config.py`` with its
  secrets), but not the SQLite database or the blobs, which come next;
- ``keys/...``: the key folder (recipients, the passphrase-sealed identity);
- ``database/NNNNNN-<table>.jsonl``: every table's rows as JSON lines, read
  in one snapshot transaction while both apps keep running (tables.py);
- ``blobs/<id>``: every blob the snapshot refers to, already sealed;
- ``manifest/NNNNNN.json``: sizes and SHA-256 sums of the parts before it,
  written every so often so memory stays flat; ``manifest/end.json`` last,
  with the row counts per table.

``verify`` and ``restore`` read the same stream (reader.py) and stop at the
first part that does not match. Nothing here imports Flask.
"""

from __future__ import annotations


class BackupError(Exception):
    """A backup cannot be written, opened, checked or restored; the message says why."""
