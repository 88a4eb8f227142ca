import pytest
from django.core import mail
from django.db import transaction

from gongkai.mail.services import mail_after_commit


def test_mail_is_sent_only_after_the_transaction_commits(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        mail_after_commit(to="a@example.cn", subject="主题", body="正文")
        assert mail.outbox == []
    assert [m.subject for m in mail.outbox] == ["主题"]
    assert mail.outbox[0].to == ["a@example.cn"]


def test_mail_is_not_sent_when_the_transaction_rolls_back(db, django_capture_on_commit_callbacks):
    def send_then_fail() -> None:
        with transaction.atomic():
            mail_after_commit(to="a@example.cn", subject="主题", body="正文")
            _ = 1 / 0

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ZeroDivisionError):
        send_then_fail()
    assert mail.outbox == []


def test_empty_addresses_are_skipped(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        mail_after_commit(to=["", ""], subject="主题", body="正文")
    assert mail.outbox == []
