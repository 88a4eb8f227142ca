"""The asker's rating of a reply (满意 / 基本满意 / 不满意) and reopening a case rated 不满意.

Each reply is rated once, from the status page (the caller has checked the tracking code and secret:
``selectors.enquiry_for_tracking``). A reopened case keeps its 不满意 in the figures until the asker rates
the new reply; the earlier replies and ratings stay in the history (``EnquiryEvent``).
"""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from gongkai.agencies.roles import Action
from gongkai.audit.services import audit_record
from gongkai.consultations.access import require
from gongkai.consultations.models import Enquiry, EventKind
from gongkai.consultations.services.common import (
    check_day,
    clean_text,
    due_for,
    event_add,
    handler_or_office_emails,
    locked,
    move,
)
from gongkai.consultations.sources import Rating
from gongkai.consultations.states import EnquiryAction, may_rate
from gongkai.mail.services import mail_after_commit
from gongkai.playback import today
from gongkai.workdays.explain import chinese_date


def enquiry_rate(*, enquiry: Enquiry, rating: str, comment: str = "", on: dt.date | None = None) -> Enquiry:
    """The asker rates the latest reply, once. A 不满意 rating is mailed to the handler (or the office),
    who may reopen the case (``enquiry_reopen``)."""
    try:
        value = Rating(rating)
    except ValueError:
        raise ValidationError({"rating": "请选择满意、基本满意或不满意。"}) from None
    comment = clean_text(comment, field="comment", label="评价意见", limit=500, required=False)
    on = on or today()
    with transaction.atomic():
        enquiry = locked(enquiry)
        if not may_rate(enquiry.enquiry_state, replies=enquiry.reply_count, rated_reply=enquiry.rated_reply):
            if enquiry.current_reply_rated:
                raise ValidationError("您已对本次答复作出评价，每次答复只能评价一次。")
            raise ValidationError("咨询答复后才能评价。")
        before = {"rating": enquiry.rating, "rated_reply": enquiry.rated_reply}
        enquiry.rating = value.value
        enquiry.rated_on = on
        enquiry.rating_comment = comment
        enquiry.rated_reply = enquiry.reply_count
        enquiry.save(update_fields=["rating", "rated_on", "rating_comment", "rated_reply", "updated_at"])
        event_add(enquiry, EventKind.RATED, on=on, acting_user=None, text=_rating_text(value, comment))
        audit_record(
            acting_user=None,
            action="enquiry.rate",
            target=enquiry,
            agency=enquiry.agency,
            summary=f"留言人评价第{enquiry.reply_count}次答复：{value.label}",
            before=before,
            after={"rating": value, "rated_reply": enquiry.rated_reply, "comment": comment},
        )
        if value is Rating.DISSATISFIED:
            mail_after_commit(
                to=handler_or_office_emails(enquiry),
                subject=f"不满意评价：咨询 {enquiry.tracking_code}",
                body=(
                    f"{enquiry.agency.name}的咨询“{enquiry.subject}”（查询码 {enquiry.tracking_code}）的答复"
                    f"被评价为不满意。{('评价意见：' + comment) if comment else ''}"
                    "如需重新办理，请登录办公系统操作。"
                ),
            )
    return enquiry


def _rating_text(value: Rating, comment: str) -> str:
    return f"{value.label}：{comment}" if comment else value.label


def enquiry_reopen(
    *,
    acting_user: Any,
    enquiry: Enquiry,
    reason: str,
    on: dt.date | None = None,
    assigner_deadline: dt.date | None = None,
) -> Enquiry:
    """The office reopens a case whose latest reply was rated 不满意: handling again (same handler), with a
    new handling deadline from ``on`` (the source's working days, or the assigner's new deadline)."""
    require(acting_user, Action.MANAGE_CONSULTATIONS, enquiry.agency)
    reason = clean_text(reason, field="reason", label="重新办理的理由", limit=300)
    on = check_day(on or today(), enquiry, what="重新办理日期")
    if assigner_deadline is not None and assigner_deadline < on:
        raise ValidationError({"assigner_deadline": "交办期限不能早于重新办理日期。"})
    with transaction.atomic():
        enquiry = locked(enquiry)
        if not (enquiry.current_reply_rated and enquiry.rating == Rating.DISSATISFIED):
            raise ValidationError("只有最近一次答复被评价为不满意的咨询才能重新办理。")
        if assigner_deadline is not None and not enquiry.assigned_by:
            raise ValidationError({"assigner_deadline": "只有上级交办件才填写交办期限。"})
        before, after = move(enquiry, EnquiryAction.REOPEN)
        old_due = enquiry.due_on
        enquiry.due_on, enquiry.due_basis = due_for(
            enquiry.source, on, assigner_deadline=assigner_deadline, assigned_by=enquiry.assigned_by
        )
        if assigner_deadline is not None:
            enquiry.assigner_deadline = assigner_deadline
        enquiry.reopened_count += 1
        enquiry.closed_on = None
        enquiry.closing_note = ""
        enquiry.reviewed_by = None
        enquiry.reviewed_at = None
        enquiry.review_comment = ""
        enquiry.save(
            update_fields=[
                "state",
                "due_on",
                "due_basis",
                "assigner_deadline",
                "reopened_count",
                "closed_on",
                "closing_note",
                "reviewed_by",
                "reviewed_at",
                "review_comment",
                "updated_at",
            ]
        )
        event_add(enquiry, EventKind.REOPENED, on=on, acting_user=acting_user, text=reason)
        audit_record(
            acting_user=acting_user,
            action="enquiry.reopen",
            target=enquiry,
            agency=enquiry.agency,
            summary=f"不满意评价后重新办理（第{enquiry.reopened_count}次），新的办理期限{enquiry.due_on:%Y-%m-%d}",
            before={"state": before, "due_on": old_due},
            after={"state": after, "due_on": enquiry.due_on, "reason": reason},
        )
        if enquiry.handler_id and enquiry.handler.email and enquiry.handler_id != getattr(acting_user, "pk", None):
            mail_after_commit(
                to=enquiry.handler.email,
                subject=f"重新办理：咨询 {enquiry.tracking_code}",
                body=(
                    f"{enquiry.agency.name}的咨询“{enquiry.subject}”因留言人不满意需重新办理，"
                    f"办理期限为{chinese_date(enquiry.due_on)}。理由：{reason}"
                ),
            )
    return enquiry
