"""TEMPORARY (clean-up check, deleted afterwards): render intake pages to /tmp/snap/$SNAP."""

from __future__ import annotations

import io

from tests.review.test_zz_snapshot_tmp import save


def test_snapshot_intake(intake_app, source_client) -> None:
    c = intake_app.test_client()
    save("form", c, "/tip")
    save("form_es", c, "/tip?lang=es")
    save("form_bad", c, "/tip", method="post", data={"what_happened": "", "attachments": [(io.BytesIO(b"x"), "a.pdf")]},
         content_type="multipart/form-data")
    save("conv", source_client, "/conversation")
    save("conv_bad", source_client, "/conversation/message", method="post",
         data={"body": "x" * 60001, "attachments": [(io.BytesIO(b"x"), "a.pdf")]}, content_type="multipart/form-data")
    save("conv_empty", source_client, "/conversation/message", method="post", data={"body": ""},
         content_type="multipart/form-data")
