"""The background task that sends one plain-text message (django-tasks; the database backend in
production, run by ``gongkai db_worker``)."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def send_plain_mail(*, to: list[str], subject: str, body: str) -> int:
    """Send one message; returns the number sent. Addresses are not logged (personal data)."""
    sent = EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=to).send()
    logger.info("mail sent: %s (%d recipient(s))", subject, len(to))
    return sent
