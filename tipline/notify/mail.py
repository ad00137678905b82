"""The one notification mail: "there is new activity", and the review site's address.

It says nothing else on purpose. No count (how many tips), no county or
topic, no time of the activity, no name of the organization in the subject:
mail passes through providers and lands on phones, and a line such as "3
new tips about Montgomery County" would tell whoever reads it more than the
reviewer needs to know that they should sign in. The Message-ID is made up
without this server's host name, which mail would otherwise carry.
"""

from __future__ import annotations

import secrets
from email.message import EmailMessage
from email.utils import formatdate

SUBJECT = "New activity"
BODY = """There is new activity on the review site:

{url}

You get this email because you asked for notifications on your account
page there. Sign in to change or stop them.
"""


def build(sender: str, recipient: str, review_url: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = recipient
    message["Subject"] = SUBJECT
    message["Date"] = formatdate(usegmt=True)
    domain = sender.rpartition("@")[2] or "localhost"
    message["Message-ID"] = f"<{secrets.token_hex(16)}@{domain}>"
    message.set_content(BODY.format(url=review_url))
    return message
