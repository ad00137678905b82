"""The kinds of searchable content, and how a new one plugs in.

A *kind* says what it is called, whether its documents belong to a tip or to
a case (its *scope*), and how to open them: a loader that takes a batch of
owner ids (tip ids or case ids) and yields one :class:`Searchable` per
document it found, with the decrypted text, or ``None`` as the text when a
document could not be opened (counted, never silently skipped).

Adding a kind is one decorated function, e.g. for source messages and
replies (a future ``tipline.models.message.Message`` with a sealed body)::

    @searchable("message", "Source messages and replies", scope="tip")
    def load_messages(ctx: SearchContext, tip_ids: Sequence[str]) -> Iterator[Searchable]:
        for message in ctx.session.scalars(select(Message).where(Message.tip_id.in_(tip_ids))):
            yield Searchable("message", message.tip_id, message.id, open_body(message, ctx))

Tip-scoped kinds follow the inbox filters automatically (the engine only
asks for tips the filters select), and a hit links to its tip.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from sqlalchemy.orm import Session

from tipline.blobs import BlobStore
from tipline.crypto import Identity

Scope = Literal["tip", "case"]


@dataclass(frozen=True)
class SearchContext:
    """What a loader may use: the session, the blob store, the unlocked key."""

    session: Session
    blobs: BlobStore
    identities: Sequence[Identity]


@dataclass(frozen=True)
class Searchable:
    """One decrypted document, alive for one request only."""

    kind: str  # the registered kind's name
    owner_id: str  # the tip id (scope "tip") or the case id (scope "case")
    object_id: str  # the document itself: a tip, note or message id
    text: str | None  # None: it could not be opened with this key

    def __repr__(self) -> str:
        # Never the text: a repr can end up in a log or a traceback.
        return f"Searchable({self.kind}, {self.owner_id}, {self.object_id})"


Loader = Callable[[SearchContext, Sequence[str]], Iterable[Searchable]]


@dataclass(frozen=True)
class SearchKind:
    name: str
    label: str  # shown next to a hit, e.g. "Case note"
    scope: Scope
    load: Loader


_KINDS: dict[str, SearchKind] = {}


def register(kind: SearchKind) -> SearchKind:
    """Add ``kind``; a second, different kind with the same name is an error."""
    existing = _KINDS.get(kind.name)
    if existing is not None and existing != kind:
        raise ValueError(f"a search kind named {kind.name!r} is already registered")
    _KINDS[kind.name] = kind
    return kind


def unregister(name: str) -> None:
    """Remove a kind (tests that register a temporary one)."""
    _KINDS.pop(name, None)


def searchable(name: str, label: str, *, scope: Scope) -> Callable[[Loader], Loader]:
    """Decorator form of :func:`register` for a loader function."""

    def decorator(load: Loader) -> Loader:
        register(SearchKind(name=name, label=label, scope=scope, load=load))
        return load

    return decorator


def kinds(scope: Scope) -> list[SearchKind]:
    """The registered kinds of one scope, in registration order."""
    return [kind for kind in _KINDS.values() if kind.scope == scope]


def get_kind(name: str) -> SearchKind:
    return _KINDS[name]
