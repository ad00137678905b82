"""Safe copies: attachments rendered to pixels in a sandbox, rebuilt as clean files.

A file from a source may attack the reader's computer or identify its
author through metadata. A safe copy is the file's pages as images in a new
PDF (tipline.safecopy.assemble) that carries no metadata, scripts or embedded
files; the original's identifying metadata is listed, not kept.

- tipline.safecopy.convert: plaintext chunks in, a ``Conversion`` out. The
  parsing of the hostile file happens in a sandboxed subprocess
  (tipline.safecopy.sandbox, running tipline.safecopy.inside); only bounded
  pixels come back. Raises ``SafeCopyError`` (tipline.safecopy.errors) with
  one clear sentence (tipline.safecopy.messages).
- tipline.safecopy.service: the same for a stored attachment, sealed to the
  organization (tipline.models.safe_copy); never commits.
- tipline.safecopy.settings: limits and the sandbox mode.

This package imports nothing heavy, so the configuration can read its
settings cheaply. No Flask here; the review app (tipline.review.safe_copies) and the CLI
(``tipline safe-copy``) are the callers.
"""
