"""Queue mail from inside a service: nothing is sent unless the service's transaction commits."""

from functools import partial

from django.db import transaction

from gongkai.mail.tasks import send_plain_mail


def mail_after_commit(*, to: str | list[str], subject: str, body: str) -> None:
    """Enqueue ``send_plain_mail`` once the current transaction commits (immediately outside one).

    Empty addresses are skipped, so callers can pass an optional contact field as is.
    """
    recipients = [to] if isinstance(to, str) else list(to)
    recipients = [r for r in recipients if r]
    if not recipients:
        return
    transaction.on_commit(partial(send_plain_mail.enqueue, to=recipients, subject=subject, body=body))
