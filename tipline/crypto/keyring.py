"""Several identities acting as one: what a key holder has during a key rotation.

While ``tipline keys rotate`` re-seals the stored objects, some are sealed to
the new organization key and some still to the old one. A reviewer's copy of
the key then holds both (an identity file of two lines), and a
:class:`KeyRing` opens a file addressed to either, so nobody notices the
rotation. Its recipient is the first identity's: the new key.
"""

from __future__ import annotations

from collections.abc import Sequence

from tipline.crypto.base import Identity, Recipient
from tipline.crypto.format import Stanza


class KeyRing(Identity):
    """Tries each identity in turn; the first one is the primary."""

    def __init__(self, identities: Sequence[Identity]) -> None:
        if not identities:
            raise ValueError("a key ring needs at least one identity")
        self.identities = list(identities)

    def unwrap(self, stanzas: Sequence[Stanza]) -> bytes | None:
        for identity in self.identities:
            file_key = identity.unwrap(stanzas)
            if file_key is not None:
                return file_key
        return None

    def recipient(self) -> Recipient:
        primary = self.identities[0]
        recipient = getattr(primary, "recipient", None)
        if recipient is None:
            raise ValueError("the primary identity has no recipient")
        result: Recipient = recipient()
        return result

    def __str__(self) -> str:
        # An identity file: one secret per line, as parse_identities_file reads it.
        return "\n".join(str(identity) for identity in self.identities)

    def __repr__(self) -> str:
        return f"KeyRing({len(self.identities)} identities)"  # never the secrets
