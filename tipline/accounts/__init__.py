"""Accounts, sign-in and key custody for the review app (no Flask here).

Services follow the house style: they take a SQLAlchemy ``Session``, raise
the domain exceptions of :mod:`tipline.accounts.errors`, record audit events,
and never commit; the caller (a view or a CLI command) does.

Modules: :mod:`~tipline.accounts.passwords` (Argon2id, verifier, wrap key),
:mod:`~tipline.accounts.custody` (sealing the organization identity),
:mod:`~tipline.accounts.totp`, :mod:`~tipline.accounts.service` (users,
authentication), :mod:`~tipline.accounts.review_sessions` (server-side
sessions, sign-in and sign-out), :mod:`~tipline.accounts.two_factor`,
:mod:`~tipline.accounts.recovery` (M-of-N shares),
:mod:`~tipline.accounts.settings` (the typed settings every service takes)
and :mod:`~tipline.accounts.bootstrap` (the first admin).
"""
