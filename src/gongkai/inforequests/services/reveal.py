"""Showing an applicant's identity number in full: each look is audited (who, when, which application)."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from gongkai.audit.services import audit_record
from gongkai.inforequests.access import applications_visible
from gongkai.inforequests.models import Application

REVEALED_FIELDS = ("id_number",)


def application_reveal(*, acting_user: Any, application: Application) -> dict[str, str]:
    """The plain values of the masked fields (the identity number) for a user who may see the
    application; the look is recorded as ``application.reveal``. The values are not written to the audit."""
    if acting_user is None or not applications_visible(acting_user).filter(pk=application.pk).exists():
        raise PermissionDenied("您没有查看该申请人证件号码的权限。")
    with transaction.atomic():
        audit_record(
            acting_user=acting_user,
            action="application.reveal",
            target=application,
            agency=application.agency,
            summary=f"查看申请人证件号码：{application.tracking_code}",
            after={"fields": list(REVEALED_FIELDS)},
        )
    return {name: getattr(application, name) for name in REVEALED_FIELDS}
