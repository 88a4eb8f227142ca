"""Writes for service matters, guides and decisions.

A guide version is an ``InformationItem`` drafted through ``publications.services.items`` (title
“《事项名》办事指南”, body rendered from the structured fields, the catalog column of the matter's kind),
reviewed and published through the item workflow; publishing a revision marks the previous version
已修改 (``publications.services.workflow``). Every service validates first (the pure rules of
``serviceguides.content`` and the models' ``full_clean``), writes nothing on error, and records its audit
event in the same transaction.
"""

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from gongkai.agencies.models import Agency
from gongkai.audit.services import audit_record, instance_save
from gongkai.audit.snapshots import changed, snapshot
from gongkai.playback import now, today
from gongkai.privacy.masking import mask_name
from gongkai.publications.access import may_edit_draft
from gongkai.publications.choices import Genre, Origin, Validity
from gongkai.publications.defaults import EDUCATION_BUREAU_CATALOG
from gongkai.publications.models import CatalogNode, InformationItem
from gongkai.publications.services.items import item_create, item_update
from gongkai.publications.states import ItemState
from gongkai.screening import FindingKind, screen_text
from gongkai.serviceguides import content as guide_content
from gongkai.serviceguides.access import may_draft, may_withdraw_decision
from gongkai.serviceguides.models import (
    CATALOG_CODES,
    RESULTS_BY_KIND,
    ApplicantKind,
    DecisionResult,
    MatterKind,
    ServiceDecision,
    ServiceGuide,
    ServiceMatter,
)

STATUTORY_PARENT_CODE = "FD"  # 法定主动公开内容
OPEN_STATES = (ItemState.DRAFT.value, ItemState.IN_REVIEW.value)

# The structured fields of a guide (``ServiceGuide`` columns = ``content.GuideContent`` fields).
GUIDE_FIELDS = (
    "basis",
    "conditions",
    "materials",
    "steps",
    "statutory_limit",
    "statutory_unit",
    "promised_limit",
    "promised_unit",
    "charges",
    "fee_standard",
    "fee_basis",
    "place",
    "hours",
    "methods",
    "online_url",
    "result",
    "result_publication",
    "contact_phone",
    "complaint_phone",
)
ITEM_FIELDS = ("formed_on", "keywords")  # what the guide's services pass on to the item as given
_TEXT_FIELDS = frozenset(GUIDE_FIELDS) - {"materials", "steps", "statutory_limit", "promised_limit", "charges"}
_PERSONAL_KINDS = frozenset(
    {FindingKind.ID_NUMBER, FindingKind.BANK_CARD, FindingKind.MOBILE, FindingKind.LANDLINE, FindingKind.EMAIL}
)


def _require_draft(acting_user: Any, agency: Agency) -> None:
    if not may_draft(acting_user, agency):
        raise PermissionDenied("您没有在该机构起草政府信息的权限。")


# --- matters ---------------------------------------------------------------------------------------


def service_matter_save(
    *,
    acting_user: Any,
    agency: Agency,
    matter: ServiceMatter | None = None,
    name: str,
    code: str,
    kind: str,
    department: Any = None,
    is_active: bool = True,
    sort_order: int = 0,
) -> ServiceMatter:
    """Create (``matter=None``) or change a matter. Its kind cannot change once it has guides or
    decisions (the guides sit in the kind's catalog column and the decisions count in its table-二 row)."""
    _require_draft(acting_user, agency)
    if matter is not None and matter.agency_id != agency.pk:
        raise ValidationError("事项不属于该机构。")
    target = matter if matter is not None else ServiceMatter(agency=agency)
    errors: dict[str, str] = {}
    if kind not in MatterKind.values:
        errors["kind"] = "请选择事项类型（行政许可或其他对外管理服务事项）。"
    elif matter is not None and kind != matter.kind and (matter.guides.exists() or matter.decisions.exists()):
        errors["kind"] = "已有办事指南或办理结果的事项不能更改事项类型。"
    others = ServiceMatter.objects.filter(agency=agency).exclude(pk=target.pk)
    if code.strip() and others.filter(code=code.strip()).exists():
        errors["code"] = f"本机关已有事项编码为“{code.strip()}”的事项。"
    if name.strip() and others.filter(name=name.strip()).exists():
        errors["name"] = f"本机关已有名为“{name.strip()}”的事项。"
    if errors:
        raise ValidationError(errors)
    target.name = name.strip()
    target.code = code.strip()
    target.kind = kind
    target.department = department
    target.is_active = is_active
    target.sort_order = sort_order
    with transaction.atomic():
        instance_save(acting_user=acting_user, instance=target)
    return target


# --- guides ----------------------------------------------------------------------------------------


def _entries(values: Iterable[Any], kind: type) -> tuple[Any, ...]:
    """Materials or steps given as the dataclasses, or as their stored dicts."""
    result = []
    for value in values:
        if isinstance(value, kind):
            result.append(value)
        elif isinstance(value, Mapping):
            reader = (
                guide_content.materials_from_data if kind is guide_content.Material else guide_content.steps_from_data
            )
            result.extend(reader([dict(value)]))
        else:
            raise ValidationError("申请材料和办理流程的格式不正确。")
    return tuple(result)


def _content(values: Mapping[str, Any]) -> guide_content.GuideContent:
    """The pure guide from the field values (as stored or as given); bad units or numbers are errors."""
    errors: dict[str, str] = {}
    units = {}
    for name in ("statutory_unit", "promised_unit"):
        try:
            units[name] = guide_content.LimitUnit(values.get(name) or guide_content.LimitUnit.WORKDAYS.value)
        except ValueError:
            errors[name] = "时限单位应为工作日或日。"
    limits = {}
    for name, label in (("statutory_limit", "法定办结时限"), ("promised_limit", "承诺办结时限")):
        value = values.get(name)
        if isinstance(value, bool) or not isinstance(value, int):
            errors[name] = f"请填写{label}（整数）。"
        else:
            limits[name] = value
    if errors:
        raise ValidationError(errors)
    return guide_content.GuideContent(
        materials=_entries(values.get("materials") or (), guide_content.Material),
        steps=_entries(values.get("steps") or (), guide_content.Step),
        statutory_limit=limits["statutory_limit"],
        statutory_unit=units["statutory_unit"],
        promised_limit=limits["promised_limit"],
        promised_unit=units["promised_unit"],
        charges=bool(values.get("charges")),
        **{name: str(values.get(name) or "").strip() for name in _TEXT_FIELDS - {"statutory_unit", "promised_unit"}},
    )


def _validated(values: Mapping[str, Any]) -> guide_content.GuideContent:
    content = _content(values)
    errors = guide_content.validate(content)
    if errors:
        raise ValidationError(errors)
    return content


def _stored(guide: ServiceGuide) -> dict[str, Any]:
    return {name: getattr(guide, name) for name in GUIDE_FIELDS}


def _apply(guide: ServiceGuide, content: guide_content.GuideContent) -> None:
    for name in GUIDE_FIELDS:
        value = getattr(content, name)
        if name in {"materials", "steps"}:
            value = [entry.as_dict() for entry in value]
        elif name in {"statutory_unit", "promised_unit"}:
            value = value.value
        setattr(guide, name, value)


def _catalog_node(acting_user: Any, matter: ServiceMatter) -> CatalogNode:
    """The kind's column (行政许可 XZXK / 其他对外管理服务事项 QTFW), created under 法定主动公开内容 when the
    agency's catalog predates it."""
    code = CATALOG_CODES[MatterKind(matter.kind)]
    node = CatalogNode.objects.filter(agency=matter.agency, code=code, is_active=True).order_by("pk").first()
    if node is not None:
        return node
    parent = (
        CatalogNode.objects.filter(agency=matter.agency, code=STATUTORY_PARENT_CODE, is_active=True)
        .order_by("pk")
        .first()
    )
    if parent is None:
        raise ValidationError("本机构的公开目录没有“法定主动公开内容”栏目，请先设置公开目录。")
    spec = next(child for root in EDUCATION_BUREAU_CATALOG for child in root.children if child.code == code)
    node = CatalogNode.objects.filter(agency=matter.agency, parent=parent, name=spec.name).first()
    if node is not None:  # the column exists without its code (or inactive): use it as it is
        return node
    node = CatalogNode(
        agency=matter.agency,
        parent=parent,
        name=spec.name,
        code=spec.code,
        description=spec.description,
        sort_order=parent.children.count(),
    )
    instance_save(acting_user=acting_user, instance=node, action="catalognode.create")
    return node


def guide_title(matter: ServiceMatter) -> str:
    return f"《{matter.name}》办事指南"


def _item_fields(matter: ServiceMatter, content: guide_content.GuideContent) -> dict[str, Any]:
    header = guide_content.GuideHeader(
        name=matter.name,
        kind_label=matter.get_kind_display(),
        code=matter.code,
        agency=matter.agency.name,
        department=matter.department.name if matter.department_id else "",
    )
    return {
        "title": guide_title(matter),
        "summary": guide_content.summary_text(header, content),
        "body": guide_content.body_html(header, content),
        "department": matter.department,
    }


def open_version(matter: ServiceMatter) -> ServiceGuide | None:
    """The matter's version not yet published (draft, returned or in review), if any."""
    return ServiceGuide.objects.filter(matter=matter, item__state__in=OPEN_STATES).select_related("item").first()


def current_version(matter: ServiceMatter) -> ServiceGuide | None:
    """The published version in force (not yet replaced by a revision, not withdrawn)."""
    return (
        ServiceGuide.objects.filter(
            matter=matter, item__state=ItemState.PUBLISHED.value, item__validity=Validity.VALID.value
        )
        .select_related("item")
        .order_by("-item__published_at", "-item_id")
        .first()
    )


def _split(fields: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    unknown = sorted(set(fields) - set(GUIDE_FIELDS) - set(ITEM_FIELDS))
    if unknown:
        raise ValidationError(f"办事指南没有这些字段：{'、'.join(unknown)}")
    return (
        {k: v for k, v in fields.items() if k in GUIDE_FIELDS},
        {k: v for k, v in fields.items() if k in ITEM_FIELDS},
    )


def _create_version(
    acting_user: Any,
    matter: ServiceMatter,
    content: guide_content.GuideContent,
    item_fields: dict[str, Any],
    amends: InformationItem | None,
) -> ServiceGuide:
    guide = ServiceGuide(matter=matter)
    _apply(guide, content)
    guide.full_clean(exclude=["item"])
    node = _catalog_node(acting_user, matter)
    item = item_create(
        acting_user=acting_user,
        agency=matter.agency,
        catalog_node=node,
        genre=Genre.OTHER.value,
        origin=Origin.OWN_DOCUMENT.value,
        formed_on=item_fields.get("formed_on") or today(),
        keywords=item_fields.get("keywords") or f"办事指南 {matter.get_kind_display()}",
        amends=amends,
        **_item_fields(matter, content),
    )
    guide.item = item
    guide.save()
    return guide


def service_guide_create(*, acting_user: Any, matter: ServiceMatter, **fields: Any) -> ServiceGuide:
    """The first guide of a matter: a draft item with the structured fields beside it.

    ``fields``: the ``GUIDE_FIELDS`` (materials and steps as ``content.Material``/``content.Step`` or their
    dicts) and optionally ``formed_on``/``keywords`` of the item."""
    _require_draft(acting_user, matter.agency)
    if not matter.is_active:
        raise ValidationError("停办的事项不能新建办事指南。")
    if open_version(matter) is not None:
        raise ValidationError("该事项已有未发布的办事指南（草稿或审核中），请继续编辑该版本。")
    if current_version(matter) is not None:
        raise ValidationError("该事项已有发布的办事指南，请使用“修订”生成新版本。")
    guide_fields, item_fields = _split(fields)
    content = _validated(guide_fields)
    with transaction.atomic():
        guide = _create_version(acting_user, matter, content, item_fields, amends=None)
        audit_record(
            acting_user=acting_user,
            action="serviceguide.create",
            target=guide,
            agency=matter.agency,
            summary=f"起草办事指南：{matter.name}",
            after=snapshot(guide, GUIDE_FIELDS),
        )
    return guide


def service_guide_update(*, acting_user: Any, guide: ServiceGuide, **fields: Any) -> ServiceGuide:
    """Change a version while it is editable (a draft, or returned by a reviewer); the item's title, summary
    and body are rendered again (also picking up a renamed matter)."""
    item = guide.item
    if item.state != ItemState.DRAFT:
        raise ValidationError(
            f"只有草稿（或被退回修改）的办事指南可以修改，该版本当前状态为“{item.get_state_display()}”。"
        )
    if not may_edit_draft(acting_user, item):
        raise PermissionDenied("只有起草人或本机构公开办可以修改该办事指南。")
    guide_fields, item_fields = _split(fields)
    values = {**_stored(guide), **guide_fields}
    content = _validated(values)
    before = snapshot(guide, GUIDE_FIELDS)
    _apply(guide, content)
    guide.full_clean(exclude=["item"])
    with transaction.atomic():
        guide.save()
        item_update(acting_user=acting_user, item=item, **_item_fields(guide.matter, content), **item_fields)
        old, new = changed(before, snapshot(guide, GUIDE_FIELDS))
        if new:
            audit_record(
                acting_user=acting_user,
                action="serviceguide.update",
                target=guide,
                agency=item.agency,
                summary=f"修改办事指南：{guide.matter.name}",
                before=old,
                after=new,
            )
    return guide


def service_guide_revise(*, acting_user: Any, guide: ServiceGuide, formed_on: dt.date | None = None) -> ServiceGuide:
    """A new draft version of the published guide in force, its fields copied; it amends the published item,
    so publishing it marks the old version 已修改."""
    matter = guide.matter
    _require_draft(acting_user, matter.agency)
    item = guide.item
    if item.state != ItemState.PUBLISHED or item.validity != Validity.VALID:
        raise ValidationError("只能修订已发布且现行有效的办事指南。")
    if not matter.is_active:
        raise ValidationError("停办的事项不能修订办事指南。")
    if open_version(matter) is not None:
        raise ValidationError("该事项已有未发布的新版本（草稿或审核中），请继续编辑该版本。")
    content = _content(_stored(guide))  # copied as published; the rules are checked again when edited
    with transaction.atomic():
        revision = _create_version(
            acting_user, matter, content, {"formed_on": formed_on, "keywords": item.keywords}, amends=item
        )
        audit_record(
            acting_user=acting_user,
            action="serviceguide.revise",
            target=revision,
            agency=matter.agency,
            summary=f"修订办事指南：{matter.name}（修改“{item.title}”，索引号{item.index_number}）",
            after={"amends": item.pk, "index_number": item.index_number or ""},
        )
    return revision


# --- decisions -------------------------------------------------------------------------------------

MAX_APPLICANT = 200
MAX_NUMBER = 100
MAX_SUMMARY = 500
FIRST_YEAR = 2000


def applicant_public(kind: str, name: str) -> str:
    """What the public list shows: an organisation's name as it is, a person's name masked (张三 → 张*)."""
    text = name.strip()
    return mask_name(text) if kind == ApplicantKind.PERSON else text


def _number_and_date_errors(matter: ServiceMatter, number: str, decided_on: Any) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not number:
        errors["number"] = "请填写决定文书号。"
    elif len(number) > MAX_NUMBER:
        errors["number"] = f"决定文书号不能超过{MAX_NUMBER}字。"
    elif ServiceDecision.objects.filter(agency=matter.agency, number=number, withdrawn_at__isnull=True).exists():
        errors["number"] = f"本机关已登记文书号为“{number}”的办理结果。"
    if not isinstance(decided_on, dt.date):
        errors["decided_on"] = "请填写决定日期。"
    elif decided_on > today():
        errors["decided_on"] = "决定日期不能晚于今天。"
    elif decided_on.year < FIRST_YEAR:
        errors["decided_on"] = f"决定日期不能早于{FIRST_YEAR}年。"
    return errors


def _decision_errors(matter: ServiceMatter, values: dict[str, Any]) -> dict[str, str]:
    errors = _number_and_date_errors(matter, values["number"], values["decided_on"])
    if not matter.is_active:
        errors["matter"] = f"事项“{matter.name}”已停办，不能登记办理结果。"
    if values["applicant_kind"] not in ApplicantKind.values:
        errors["applicant_kind"] = "请选择申请人类型（自然人或法人或其他组织）。"
    name = values["applicant_name"]
    if not name:
        errors["applicant_name"] = "请填写申请人。"
    elif len(name) > MAX_APPLICANT:
        errors["applicant_name"] = f"申请人不能超过{MAX_APPLICANT}字。"
    allowed = RESULTS_BY_KIND.get(matter.kind, ())
    if values["result"] not in allowed:
        labels = "、".join(DecisionResult(r).label for r in allowed)
        errors["result"] = f"{matter.get_kind_display()}事项的办理结果应为：{labels}。"
    found = [f for f in screen_text(values["summary"]) if f.kind in _PERSONAL_KINDS]
    if found:
        listed = "、".join(f"{f.kind.label}“{f.masked}”" for f in found)
        errors["summary"] = f"内容摘要含有个人信息（{listed}），请删除后再登记。"
    elif len(values["summary"]) > MAX_SUMMARY:
        errors["summary"] = f"内容摘要不能超过{MAX_SUMMARY}字。"
    return errors


def service_decision_record(
    *,
    acting_user: Any,
    matter: ServiceMatter,
    number: str,
    decided_on: dt.date,
    applicant_kind: str,
    applicant_name: str,
    result: str,
    summary: str = "",
    is_published: bool = True,
) -> ServiceDecision:
    """Record one decision on ``matter``. Checked: the matter is in service, the date is not in the future,
    the document number is not yet used by the agency (withdrawn entries excepted), the result fits the
    matter's kind, the summary holds no personal data. It counts in table 二 of ``decided_on``'s year."""
    _require_draft(acting_user, matter.agency)
    number, applicant_name, summary = number.strip(), applicant_name.strip(), summary.strip()
    values = {
        "number": number,
        "decided_on": decided_on,
        "applicant_kind": applicant_kind,
        "applicant_name": applicant_name,
        "result": result,
        "summary": summary,
    }
    errors = _decision_errors(matter, values)
    if errors:
        raise ValidationError(errors)
    decision = ServiceDecision(
        agency=matter.agency,
        matter=matter,
        number=number,
        decided_on=decided_on,
        applicant_kind=applicant_kind,
        applicant_name=applicant_name,
        applicant_public=applicant_public(applicant_kind, applicant_name),
        result=result,
        summary=summary,
        is_published=is_published,
        published_at=now() if is_published else None,
        recorded_by=acting_user if getattr(acting_user, "pk", None) else None,
    )
    decision.full_clean()
    with transaction.atomic():
        decision.save()
        audit_record(
            acting_user=acting_user,
            action="servicedecision.record",
            target=decision,
            agency=matter.agency,
            summary=f"登记办理结果：{matter.name} {number}",
            after=snapshot(decision),
        )
    return decision


def service_decision_withdraw(*, acting_user: Any, decision: ServiceDecision, reason: str) -> ServiceDecision:
    """Take back a wrong entry: off the public list and no longer counted in table 二. The record stays."""
    if not may_withdraw_decision(acting_user, decision):
        raise PermissionDenied("只有登记人或本机构公开办可以撤回办理结果。")
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "撤回时必须说明理由。"})
    if len(reason) > 300:  # noqa: PLR2004
        raise ValidationError({"reason": "撤回理由不能超过300字。"})
    with transaction.atomic():
        fresh = ServiceDecision.objects.select_for_update().get(pk=decision.pk)
        if fresh.withdrawn_at is not None:
            raise ValidationError("该办理结果已经撤回。")
        decision.withdrawn_at = now()
        decision.withdrawn_reason = reason
        decision.save(update_fields=["withdrawn_at", "withdrawn_reason"])
        audit_record(
            acting_user=acting_user,
            action="servicedecision.withdraw",
            target=decision,
            agency=decision.agency,
            summary=f"撤回办理结果：{decision.matter.name} {decision.number}",
            before={"withdrawn": False},
            after={"withdrawn": True, "reason": reason},
        )
    return decision
