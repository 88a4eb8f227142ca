import pytest
from django.db import connection, transaction

from gongkai.audit.context import source_ip
from gongkai.audit.models import AppendOnlyError, AuditEvent
from gongkai.audit.services import AuditOutsideTransactionError, audit_record, instance_save
from tests.factories import DepartmentFactory, UserFactory


@pytest.mark.django_db
def test_record_keeps_who_what_where_and_ip(tree):
    user = UserFactory(full_name="审计员")
    token = source_ip.set("203.0.113.7")
    try:
        with transaction.atomic():
            event = audit_record(
                acting_user=user,
                action="agency.update",
                target=tree["east"],
                agency=tree["east"],
                summary="测试",
                before={"phone": "1"},
                after={"phone": "2"},
            )
    finally:
        source_ip.reset(token)
    event.refresh_from_db()
    assert event.actor == user
    assert event.actor_label == "审计员（" + user.username + "）"
    assert event.agency == tree["east"]
    assert event.target_label == tree["east"].name
    assert event.target_id == str(tree["east"].pk)
    assert (event.before, event.after) == ({"phone": "1"}, {"phone": "2"})
    assert event.source_ip == "203.0.113.7"


@pytest.mark.django_db(transaction=True)
def test_record_outside_a_transaction_is_refused():
    with pytest.raises(AuditOutsideTransactionError):
        audit_record(acting_user=None, action="x.y")
    assert not AuditEvent.objects.exists()


@pytest.mark.django_db
def test_events_cannot_be_updated_or_deleted_through_the_orm(tree):
    event = AuditEvent.objects.first()
    event.summary = "篡改"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.update(summary="篡改")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()


@pytest.mark.django_db
def test_database_refuses_updates_to_events(tree):
    event = AuditEvent.objects.first()
    table = AuditEvent._meta.db_table
    with pytest.raises(Exception, match="append-only"), transaction.atomic(), connection.cursor() as cur:
        cur.execute(f"UPDATE {table} SET summary = %s WHERE id = %s", ["篡改", event.pk])  # noqa: S608
    event.refresh_from_db()
    assert event.summary != "篡改"
    if connection.vendor == "postgresql":  # SQLite keeps DELETE possible for the test harness's flush
        with pytest.raises(Exception, match="append-only"), transaction.atomic(), connection.cursor() as cur:
            cur.execute(f"DELETE FROM {table} WHERE id = %s", [event.pk])  # noqa: S608
        assert AuditEvent.objects.filter(pk=event.pk).exists()


@pytest.mark.django_db
def test_instance_save_records_only_changed_fields(tree):
    dept = DepartmentFactory(agency=tree["east"], name="办公室")
    dept.phone = "0999-1234567"
    instance_save(acting_user=None, instance=dept)
    event = AuditEvent.objects.filter(action="department.update").get()
    assert event.before == {"phone": ""}
    assert event.after == {"phone": "0999-1234567"}
    assert event.agency == tree["east"]
    assert event.actor is None
    assert event.actor_label == "系统"
