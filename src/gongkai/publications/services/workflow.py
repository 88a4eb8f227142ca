"""The review workflow: submit, approve (the last approval publishes), return, withdraw, repeal, re-evaluate.

Every change of ``InformationItem.state`` happens here, through ``states.transition``.
"""

import datetime as dt
from typing import Any

from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai import playback
from gongkai.agencies.roles import Action
from gongkai.audit.services import audit_record
from gongkai.keyareas.services.tasks import plan_tasks_on_publish, plan_tasks_on_withdraw
from gongkai.publications.access import may_act_on_task, may_edit_draft, require
from gongkai.publications.choices import Channel, TaskStatus, Validity
from gongkai.publications.models import DisclosureSettings, InformationItem, TaskState, WorkflowTask
from gongkai.publications.services.numbering import index_number_allocate
from gongkai.publications.services.screening import item_screen
from gongkai.publications.services.timeliness import breaches_record
from gongkai.publications.states import ItemAction, ItemState, transition
from gongkai.rules.disclosure import DisclosureAttribute
from gongkai.search.services import search_sync


def _locked(item: InformationItem) -> InformationItem:
    """Re-read the item under a row lock so two reviewers cannot act on the same task at once."""
    fresh = (
        InformationItem.objects.select_for_update(of=("self",)).select_related("agency", "current_task").get(pk=item.pk)
    )
    item.__dict__.update(fresh.__dict__)
    return item


def _tasks(item: InformationItem) -> list[WorkflowTask]:
    return list(WorkflowTask.objects.filter(agency_id=item.agency_id, is_active=True).order_by("order"))


def _open_task_state(item: InformationItem) -> TaskState:
    return TaskState.objects.get(
        item=item, task=item.current_task, submission_no=item.submission_no, status=TaskStatus.IN_PROGRESS
    )


def item_submit(*, acting_user: Any, item: InformationItem) -> InformationItem:
    """Draft → first review task; screens the item and records the findings for the reviewer."""
    with transaction.atomic():
        _locked(item)
        new_state = transition(ItemState(item.state), ItemAction.SUBMIT)
        if not may_edit_draft(acting_user, item):
            raise PermissionDenied("只有起草人或本机构公开办可以提交该信息。")
        item.full_clean()
        tasks = _tasks(item)
        if not tasks:
            raise ValidationError("本机构尚未配置审核环节，请联系管理员。")
        item.state = new_state
        item.submission_no += 1
        item.current_task = tasks[0]
        item.submitted_by = acting_user
        item.save(update_fields=["state", "submission_no", "current_task", "submitted_by", "updated_at"])
        TaskState.objects.create(item=item, task=tasks[0], submission_no=item.submission_no)
        run = item_screen(item=item, trigger="submit")
        audit_record(
            acting_user=acting_user,
            action="item.submit",
            target=item,
            agency=item.agency,
            summary=f"提交审核（第{item.submission_no}次）：{item.title}",
            before={"state": ItemState.DRAFT},
            after={"state": new_state, "findings": run.findings.count()},
        )
    return item


def _check_separation(acting_user: Any, item: InformationItem, task: WorkflowTask) -> None:
    if acting_user.pk in {item.created_by_id, item.submitted_by_id}:
        raise PermissionDenied("不能审核自己起草或提交的信息。")
    if not may_act_on_task(acting_user, item, task):
        raise PermissionDenied(f"您不是“{task.name}”环节的办理人。")
    earlier = TaskState.objects.filter(
        item=item, submission_no=item.submission_no, status=TaskStatus.APPROVED, acted_by=acting_user
    )
    if earlier.exists():
        raise PermissionDenied("同一人不能办理同一次提交的两个审核环节。")


def _publish(acting_user: Any, item: InformationItem, now: dt.datetime) -> None:
    node = item.catalog_node
    item.published_at = now
    item.index_number = index_number_allocate(
        agency=item.agency, year=timezone.localdate(now).year, catalog_code=node.code
    )
    if not item.channels:
        item.channels = [Channel.WEBSITE.value]
    old = item.amends
    if old is not None and old.state == ItemState.PUBLISHED and old.validity == Validity.VALID:
        today = timezone.localdate(now)
        old.validity = Validity.AMENDED
        old.validity_changed_on = today
        old.replaced_by = item
        if old.report_kind:
            # The superseded version no longer counts as 现行有效 in table 二.
            old.repealed_on = today
        old.save(update_fields=["validity", "validity_changed_on", "replaced_by", "repealed_on", "updated_at"])
        audit_record(
            acting_user=acting_user,
            action="item.amended",
            target=old,
            agency=old.agency,
            summary=f"已被修改：{old.title} → {item.title}",
            before={"validity": Validity.VALID},
            after={"validity": Validity.AMENDED, "replaced_by": item.title},
        )
        search_sync(old)
    plan_tasks_on_publish(acting_user=acting_user, item=item)  # a key-area plan task this publication fulfils


def item_approve(
    *, acting_user: Any, item: InformationItem, comment: str = "", override_reason: str = ""
) -> InformationItem:
    """Approve the current task. Approving the last task screens again and publishes (or files).

    Unresolved screening findings block publication unless ``override_reason`` explains why the
    flagged content may be published (audited with the findings).
    """
    with transaction.atomic():
        _locked(item)
        task = item.current_task
        if item.state != ItemState.IN_REVIEW or task is None:
            transition(ItemState(item.state), ItemAction.APPROVE)  # raises the state's own message
        _check_separation(acting_user, item, task)
        # The next active task after this one; none left means this was the sign-off. Measured by order,
        # so an administrator who changes the workflow while items are in review does not strand them.
        next_task = next((t for t in _tasks(item) if t.order > task.order), None)
        is_last = next_task is None
        proactive = item.attribute == DisclosureAttribute.PROACTIVE
        new_state = transition(ItemState(item.state), ItemAction.APPROVE, last_task=is_last, proactive=proactive)
        now = playback.now()  # a replayed publication (demo, paper register) carries its own moment
        if is_last:
            run = item_screen(item=item, trigger="publish")
            findings = list(run.findings.all())
            if findings and proactive:
                if not override_reason.strip():
                    raise ValidationError(
                        f"自动检查发现{len(findings)}处可能不宜公开的内容，请退回修改，或逐项核实后填写确认理由再发布。"
                    )
                run.findings.update(
                    overridden_by=acting_user, override_reason=override_reason.strip(), overridden_at=now
                )
                audit_record(
                    acting_user=acting_user,
                    action="item.screening_override",
                    target=item,
                    agency=item.agency,
                    summary=f"确认发布含{len(findings)}处检查发现的信息：{item.title}",
                    after={"reason": override_reason.strip(), "findings": [str(f) for f in findings]},
                )
        state = _open_task_state(item)
        state.status = TaskStatus.APPROVED
        state.acted_by = acting_user
        state.comment = comment.strip()
        state.finished_at = now
        state.save()
        before = {"state": item.state, "task": str(task)}
        item.state = new_state
        if is_last:
            item.current_task = None
            if new_state == ItemState.PUBLISHED:
                _publish(acting_user, item, now)
            else:
                settings = DisclosureSettings.objects.filter(agency=item.agency).first()
                months = settings.reevaluation_months if settings else 12
                item.reevaluate_on = timezone.localdate(now) + relativedelta(months=months)
        else:
            item.current_task = next_task
            TaskState.objects.create(item=item, task=item.current_task, submission_no=item.submission_no)
        item.save()
        audit_record(
            acting_user=acting_user,
            action="item.publish" if new_state == ItemState.PUBLISHED else "item.approve",
            target=item,
            agency=item.agency,
            summary=f"{task.name}通过{'并发布' if new_state == ItemState.PUBLISHED else ''}：{item.title}",
            before=before,
            after={
                "state": new_state,
                "task": str(item.current_task or ""),
                "index_number": item.index_number or "",
                "comment": comment.strip(),
            },
        )
        if new_state == ItemState.PUBLISHED:
            breaches_record(item, today=timezone.localdate(now))
            search_sync(item)
    return item


def item_return(*, acting_user: Any, item: InformationItem, comment: str) -> InformationItem:
    """Send back to draft from any review task; the comment tells the author what to change."""
    if not comment.strip():
        raise ValidationError({"comment": "退回时必须填写修改意见。"})
    with transaction.atomic():
        _locked(item)
        new_state = transition(ItemState(item.state), ItemAction.RETURN)
        task = item.current_task
        _check_separation(acting_user, item, task)
        state = _open_task_state(item)
        state.status = TaskStatus.RETURNED
        state.acted_by = acting_user
        state.comment = comment.strip()
        state.finished_at = timezone.now()
        state.save()
        item.state = new_state
        item.current_task = None
        item.save(update_fields=["state", "current_task", "updated_at"])
        audit_record(
            acting_user=acting_user,
            action="item.return",
            target=item,
            agency=item.agency,
            summary=f"{task.name}退回修改：{item.title}",
            before={"state": ItemState.IN_REVIEW, "task": str(task)},
            after={"state": new_state, "comment": comment},
        )
    return item


def item_withdraw(*, acting_user: Any, item: InformationItem, reason: str) -> InformationItem:
    """Take a published item off the public site (e.g. published in error). The record stays."""
    require(acting_user, Action.MANAGE_ITEMS, item.agency)
    if not reason.strip():
        raise ValidationError({"reason": "撤回时必须说明理由。"})
    with transaction.atomic():
        _locked(item)
        new_state = transition(ItemState(item.state), ItemAction.WITHDRAW)
        item.state = new_state
        item.save(update_fields=["state", "updated_at"])
        audit_record(
            acting_user=acting_user,
            action="item.withdraw",
            target=item,
            agency=item.agency,
            summary=f"撤回：{item.title}",
            before={"state": ItemState.PUBLISHED},
            after={"state": new_state, "reason": reason.strip()},
        )
        search_sync(item)
        plan_tasks_on_withdraw(acting_user=acting_user, item=item, reason=reason.strip())
    return item


def item_repeal(*, acting_user: Any, item: InformationItem, repealed_on: dt.date, reason: str) -> InformationItem:
    """Mark a published item 已废止 (it stays public, marked as repealed)."""
    require(acting_user, Action.MANAGE_ITEMS, item.agency)
    if not reason.strip():
        raise ValidationError({"reason": "请填写废止依据（如废止文件的文号）。"})
    with transaction.atomic():
        _locked(item)
        if item.state != ItemState.PUBLISHED:
            raise ValidationError("只有已发布的信息可以标记为废止。")
        if item.validity != Validity.VALID:
            raise ValidationError(f"该信息的有效性已是“{item.get_validity_display()}”。")
        if repealed_on < item.formed_on:
            raise ValidationError({"repealed_on": "废止日期不能早于成文日期。"})
        item.validity = Validity.REPEALED
        item.validity_changed_on = repealed_on
        item.repealed_on = repealed_on
        item.save(update_fields=["validity", "validity_changed_on", "repealed_on", "updated_at"])
        audit_record(
            acting_user=acting_user,
            action="item.repeal",
            target=item,
            agency=item.agency,
            summary=f"废止：{item.title}",
            before={"validity": Validity.VALID},
            after={"validity": Validity.REPEALED, "repealed_on": repealed_on, "reason": reason.strip()},
        )
        search_sync(item)
    return item


def item_reevaluate(*, acting_user: Any, item: InformationItem, release: bool, comment: str) -> InformationItem:
    """Art. 18 periodic review of a withheld item: keep it withheld (next review date) or release it,
    which turns it into a 主动公开 draft that goes through review again."""
    require(acting_user, Action.MANAGE_ITEMS, item.agency)
    if not comment.strip():
        raise ValidationError({"comment": "请填写评估意见。"})
    with transaction.atomic():
        _locked(item)
        if item.state != ItemState.FILED:
            raise ValidationError("只有不主动公开的已登记信息需要定期评估。")
        before = {"attribute": item.attribute, "reevaluate_on": item.reevaluate_on}
        if release:
            item.state = transition(ItemState(item.state), ItemAction.REOPEN)
            item.attribute = DisclosureAttribute.PROACTIVE.value
            item.withholding_ground = ""
            item.reevaluate_on = None
        else:
            settings = DisclosureSettings.objects.filter(agency=item.agency).first()
            item.reevaluate_on = timezone.localdate() + relativedelta(
                months=settings.reevaluation_months if settings else 12
            )
        item.save()
        audit_record(
            acting_user=acting_user,
            action="item.reevaluate",
            target=item,
            agency=item.agency,
            summary=f"定期评估（{'转为主动公开' if release else '继续不公开'}）：{item.title}",
            before=before,
            after={"attribute": item.attribute, "reevaluate_on": item.reevaluate_on, "comment": comment.strip()},
        )
    return item
