"""Platform mail (owner invitations). Every mail is written to ``kd_agency_outbox_mail`` first;
the ``outbox`` provider (the default, and the sandbox the demo and tests use) stops there, the
``smtp`` provider then hands it to ``KAIDIAN_SMTP_URL`` with the standard library's client in a
worker thread and records the outcome on the row."""

from __future__ import annotations

import logging
import smtplib
from email.message import EmailMessage
from urllib.parse import unquote, urlsplit

import anyio

from core import clock
from core.agency.models import OutboxMail
from core.settings import Settings

logger = logging.getLogger("kaidian.agency.mail")


SUBJECT_LENGTH = 200  # OutboxMail.subject


async def send_mail(settings: Settings, to_address: str, subject: str, body: str) -> OutboxMail:
    # A subject naming a long shop name (twice, in two languages) is cut, not refused: a 500 else.
    if len(subject) > SUBJECT_LENGTH:
        subject = subject[: SUBJECT_LENGTH - 1] + "…"
    mail = await OutboxMail.create(to_address=to_address, subject=subject, body=body, provider=settings.mail_provider)
    if settings.mail_provider != "smtp" or not settings.smtp_url:
        return mail
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = settings.mail_from, to_address, subject
    message.set_content(body)
    try:
        await anyio.to_thread.run_sync(_smtp_send, settings.smtp_url, message)
    except (OSError, smtplib.SMTPException) as error:
        logger.warning("mail %s to %s failed: %s", mail.id, to_address, error)
        await OutboxMail.filter(id=mail.id).update(error=f"{type(error).__name__}: {error}"[:200])
        return mail
    await OutboxMail.filter(id=mail.id).update(sent_at=clock.now())
    return mail


def _smtp_send(url: str, message: EmailMessage) -> None:
    parts = urlsplit(url)
    secure = parts.scheme == "smtps"
    client_class = smtplib.SMTP_SSL if secure else smtplib.SMTP
    with client_class(parts.hostname or "localhost", parts.port or (465 if secure else 587), timeout=20) as client:
        if not secure:
            client.starttls()
        if parts.username:
            client.login(unquote(parts.username), unquote(parts.password or ""))
        client.send_message(message)
