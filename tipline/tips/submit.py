"""The submission service: from what a source sent to a sealed, stored tip.

Warehouse style: :func:`submit_tip` takes a ``Session``, raises domain
exceptions, and never commits; the view (or a script, or the test factories)
commits and then calls ``batch.keep(receipt.blob_ids)``. No Flask here.

What happens, in order:

1. check the input (cheap, before any real work);
2. make a receipt phrase and derive the source's lookup id and reply key from
   it (an HMAC with the instance pepper, ``tipline.receipt_phrases``: no
   slow KDF);
3. seal the whole tip document (fields, language, attachment names, types and
   sizes) to every organization recipient and store it in the batch;
4. insert the ``Tip`` row, marked with how it arrived (during a flood, with
   a proof of work: ``tipline.tips.flood``), and its attachments' rows, and
   count its files' bytes against the hour's attachment budget. Those are
   the only writes, so on SQLite the write lock is held for a few statements
   and the commit.

There is no quota: a budget of submissions that anyone can spend would let a
stranger turn real sources away (issue 10). A flood costs the flooder
instead (the proof of work in the browser) and the reviewers a bulk "mark as
spam" (tipline.tips.spam), never a source their tip.

Only a random id, the county code, the hour, size buckets and the source's
lookup id and public reply recipient are stored in the clear.

:func:`submit_sealed_tip` is the same without step 3: the source's browser
sealed the document and the files, the request class has checked and stored
them, and the service only adds the rows (with the attachment ids the
browser chose and put in the document).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from tipline import counties
from tipline.documents import AttachmentInfo, TipDocument, seal_document
from tipline.models import Attachment, Tip
from tipline.models.base import new_id, size_bucket
from tipline.receipt_phrases import SourceKeys, derive_source_keys, new_phrase
from tipline.tips import attachment_budget
from tipline.tips.flood import Arrival
from tipline.tips.uploads import SealedFile, UploadBatch

AGENCIES = ("ice", "county_jail", "local_police", "courts", "other")
KNOWLEDGE = ("saw", "told", "documents")
_ID = re.compile(r"^[0-9a-f]{32}$")
# Built once: a tip's rows go in as plain Core inserts (see _add_tip).
_INSERT_TIP = cast(Table, Tip.__table__).insert()
_INSERT_ATTACHMENT = cast(Table, Attachment.__table__).insert()


class SubmissionError(Exception):
    """The submission cannot be accepted as sent."""


class InvalidSubmissionError(SubmissionError):
    """A field failed a domain check the form should already have caught."""


@dataclass(frozen=True)
class TipInput:
    """The fields of one tip as the source entered them (already stripped)."""

    what_happened: str
    language: str = "en"
    county_fips: str | None = None
    place: str = ""
    when: str = ""
    agencies: tuple[str, ...] = ()
    knowledge: tuple[str, ...] = ()
    # Further sealed fields (a later form version, a test); never in the clear.
    extra: Mapping[str, Any] = field(default_factory=dict)

    def document_fields(self) -> dict[str, Any]:
        return {
            **self.extra,
            "what_happened": self.what_happened,
            "county_fips": self.county_fips,
            "place": self.place,
            "when": self.when,
            "agencies": list(self.agencies),
            "knowledge": list(self.knowledge),
        }


@dataclass(frozen=True)
class SealedTipInput:
    """A tip sealed in the source's browser: stored ciphertext and the clear fields.

    ``attachments`` pairs each file with the id the browser chose for it and
    wrote into the sealed document, which is how reviewers find its name.
    """

    document: SealedFile
    attachments: tuple[tuple[str, SealedFile], ...] = ()
    language: str = "en"
    county_fips: str | None = None


@dataclass(frozen=True)
class SubmitSettings:
    """The instance settings the service needs (from the app config)."""

    pepper: str
    states: tuple[str, ...] = ("PA",)
    languages: tuple[str, ...] = ("en", "es")

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> SubmitSettings:
        return cls(
            pepper=config["PHRASE_PEPPER"],
            states=tuple(config["STATES"]),
            languages=tuple(config["LANGUAGES"]),
        )

    def __repr__(self) -> str:
        return f"SubmitSettings(states={self.states})"  # never the pepper


@dataclass(frozen=True)
class Receipt:
    """A stored tip and the phrase to show its source, once."""

    tip_id: str
    phrase: str
    # Every blob the stored tip refers to (for ``UploadBatch.keep``).
    blob_ids: tuple[str, ...]

    def __repr__(self) -> str:
        return f"Receipt(tip={self.tip_id})"  # never the phrase


def submit_tip(
    session: Session,
    batch: UploadBatch,
    data: TipInput,
    files: Sequence[SealedFile],
    settings: SubmitSettings,
    arrival: Arrival | None = None,
) -> Receipt:
    """Seal and store one tip; the caller commits, then ``batch.keep(receipt.blob_ids)``.

    ``arrival`` says whether the intake was under a flood and whether the
    form came with a valid proof of work; the inbox shows and filters on it.
    """
    _check(data, settings)
    phrase, keys = _begin(settings)
    infos = [
        AttachmentInfo(
            attachment_id=new_id(),
            filename=item.filename,
            content_type=item.content_type,
            size=item.size,
        )
        for item in files
    ]
    document = TipDocument(language=data.language, fields=data.document_fields(), attachments=infos)
    sealed = seal_document(document, batch.recipients)
    body_blob = batch.put(sealed)
    attachments = [(info.attachment_id, item) for info, item in zip(infos, files, strict=True)]
    body = (body_blob, len(sealed))
    return _add_tip(session, arrival, phrase, keys, data.county_fips, body, attachments)


def submit_sealed_tip(
    session: Session,
    data: SealedTipInput,
    settings: SubmitSettings,
    arrival: Arrival | None = None,
) -> Receipt:
    """Store a tip sealed in the browser; the caller commits, then keeps the blobs.

    The service never sees the tip's words or files: the document and files
    were checked and stored by the request class as ciphertext. ``arrival``
    as for :func:`submit_tip`.
    """
    _check_clear(data.language, data.county_fips, settings)
    ids = [attachment_id for attachment_id, _item in data.attachments]
    if not all(_ID.match(attachment_id) for attachment_id in ids) or len(set(ids)) != len(ids):
        raise InvalidSubmissionError("attachment ids must be distinct random ids")
    if ids and session.scalars(select(Attachment.id).where(Attachment.id.in_(ids))).first():
        raise InvalidSubmissionError("attachment id already in use")
    phrase, keys = _begin(settings)
    body = (data.document.blob_id, data.document.size)
    return _add_tip(session, arrival, phrase, keys, data.county_fips, body, list(data.attachments))


def _begin(settings: SubmitSettings) -> tuple[str, SourceKeys]:
    """A new phrase and the keys derived from it (an HMAC: no slow KDF)."""
    phrase = new_phrase()
    return phrase, derive_source_keys(phrase, settings.pepper)


def _add_tip(
    session: Session,
    arrival: Arrival | None,
    phrase: str,
    keys: SourceKeys,
    county_fips: str | None,
    body: tuple[str, int],
    attachments: Sequence[tuple[str, SealedFile]],
) -> Receipt:
    """Insert the rows, and count the files' bytes against the hour's budget.

    Core inserts, not ``session.add`` and a flush: the ORM's unit of work for
    one new tip cost more CPU than the rest of storing it (issue 10's load
    goal; docs/deployment.md). The columns' own defaults (the hour, the
    flags) apply as they would through the ORM. Nothing is loaded into the
    session: a caller that wants the ``Tip`` gets it by ``receipt.tip_id``.
    """
    arrival = arrival or Arrival()
    files_size = sum(item.size for _id, item in attachments)
    attachment_budget.record(session, files_size)
    body_blob, body_size = body
    tip_id = new_id()
    session.execute(
        _INSERT_TIP,
        {
            "id": tip_id,
            "county_fips": county_fips,
            "status": "new",
            "size_bucket": size_bucket(body_size + files_size),
            "has_files": bool(attachments),
            "body_blob": body_blob,
            "source_lookup": keys.lookup_id,
            "source_recipient": str(keys.identity.recipient()),
            "during_flood": arrival.during_flood,
            "proof_of_work": arrival.proof_of_work,
        },
    )
    if attachments:
        session.execute(
            _INSERT_ATTACHMENT,
            [
                {
                    "id": attachment_id,
                    "tip_id": tip_id,
                    "position": position,
                    "blob_id": item.blob_id,
                    "size_bucket": size_bucket(item.size),
                }
                for position, (attachment_id, item) in enumerate(attachments)
            ],
        )
    blob_ids = (body_blob, *(item.blob_id for _id, item in attachments))
    return Receipt(tip_id=tip_id, phrase=phrase, blob_ids=blob_ids)


def _check_clear(language: str, county_fips: str | None, settings: SubmitSettings) -> None:
    if language not in settings.languages:
        raise InvalidSubmissionError(f"unsupported language {language!r}")
    if county_fips is not None and not counties.is_valid(county_fips, settings.states):
        raise InvalidSubmissionError("county is not one of this instance's counties")


def _check(data: TipInput, settings: SubmitSettings) -> None:
    if not data.what_happened.strip():
        raise InvalidSubmissionError("what_happened is empty")
    _check_clear(data.language, data.county_fips, settings)
    _check_choices("agencies", data.agencies, AGENCIES)
    _check_choices("knowledge", data.knowledge, KNOWLEDGE)


def _check_choices(name: str, values: Iterable[str], allowed: Sequence[str]) -> None:
    unknown = set(values) - set(allowed)
    if unknown:
        raise InvalidSubmissionError(f"unknown {name}: {sorted(unknown)}")
