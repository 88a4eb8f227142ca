"""Forms of the back-office case pages: registration, editing, and one form per action on a case.

As for applications, the forms only shape the input; the rules are the services'. Each form's ``submit``
calls its service and puts the service's Chinese ``ValidationError`` messages on the fields they concern.
"""

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from gongkai.agencies.models import Agency
from gongkai.appeals.kinds import KIND_LABELS, CaseKind, decisions_for
from gongkai.appeals.models import AppealCase, CaseDocument, DocumentKind
from gongkai.appeals.services.cases import (
    case_accept,
    case_copy_received,
    case_decide,
    case_defence_submit,
    case_hearing_set,
    case_register,
    case_update,
    case_void,
    case_withdraw,
)
from gongkai.appeals.services.documents import document_add, document_remove
from gongkai.appeals.states import CaseState
from gongkai.backoffice.forms_common import ServiceActionForm, add_service_errors
from gongkai.backoffice.forms_common import area_field as _area
from gongkai.backoffice.forms_common import choice_field as _choice
from gongkai.backoffice.forms_common import date_field as _date
from gongkai.backoffice.forms_common import text_field as _text
from gongkai.inforequests.models import Application
from gongkai.inforequests.public_selectors import normalise_code
from gongkai.inforequests.services.reopen import REOPENABLE_STATES, application_reopen, open_reopening

KIND_CHOICES = [(k.value, label) for k, label in KIND_LABELS.items()]


def _codes_field() -> forms.CharField:
    return _text(
        "涉及的申请查询码",
        400,
        help_text="本机关申请的查询码，多个用逗号或空格分开；不涉及本平台登记的申请的，请填写下面的“其他政府信息公开行为”。",
        spellcheck="false",
        autocomplete="off",
    )


def applications_by_codes(agency: Agency, text: str) -> tuple[list[Application], list[str]]:
    """The agency's applications with the tracking codes in ``text``, and the codes not found there."""
    codes = list(dict.fromkeys(normalise_code(c) for c in re.split(r"[\s,，、；;]+", text or "") if c.strip()))
    found = {a.tracking_code: a for a in Application.objects.filter(agency=agency, tracking_code__in=codes)}
    return [found[c] for c in codes if c in found], [c for c in codes if c not in found]


class _CodesMixin:
    """Turns the codes field into applications of the case's agency (errors on the field)."""

    def tied_applications(self, agency: Agency) -> list[Application] | None:
        applications, missing = applications_by_codes(agency, self.cleaned_data.get("application_codes", ""))
        if missing:
            self.add_error("application_codes", f"未找到{agency.name}的这些申请：{'、'.join(missing)}")
            return None
        return applications


# --- registration and editing ----------------------------------------------------------------------


class CaseRegisterForm(_CodesMixin, forms.Form):
    required_css_class = "required"
    error_css_class = "has-error"

    agency = forms.ModelChoiceField(
        label="被申请人（被告）机关",
        queryset=Agency.objects.none(),
        empty_label=None,
        error_messages={"required": "请选择机关。", "invalid_choice": "请选择机关。"},
    )
    kind = _choice("案件类型", KIND_CHOICES, radio=True)
    filed_on = _date("申请复议或起诉日期", help_text="申请人申请行政复议或原告向人民法院起诉之日。")
    body_name = _text("复议机关或人民法院", 100, required=True, help_text="如：示范市人民政府、示范市东城区人民法院。")
    reference = _text("案号", 100, help_text="如：示府复〔2026〕12号、（2026）示0101行初45号；尚不知道的可以以后补填。")
    review_case = forms.ModelChoiceField(
        label="此前的行政复议案件",
        queryset=AppealCase.objects.none(),
        required=False,
        help_text="仅“复议后起诉”选择。",
        error_messages={"invalid_choice": "请选择本机关的行政复议案件。"},
    )
    application_codes = _codes_field()
    act_description = _area("其他政府信息公开行为", required=False, rows=2, max_length=2000)
    party_name = _text("申请人或原告", 100, help_text="留空则取第一件申请的申请人。")
    party_is_organisation = forms.BooleanField(label="申请人或原告为法人或其他组织", required=False)
    claims = _area("复议请求或诉讼请求", required=False, rows=3)
    copy_received_on = _date(
        "收到申请书副本或起诉状副本日期",
        required=False,
        today=False,
        help_text="答复（行政复议）或答辩（行政诉讼）期限自此日起计算；尚未收到的留空。",
    )
    accepted_on = _date("受理或立案日期", required=False, today=False, help_text="尚不知道的留空。")
    notes = _area("备注", required=False, rows=2)

    FIELDSETS = (
        ("案件", ("agency", "kind", "filed_on", "body_name", "reference", "review_case")),
        (
            "被复议或起诉的行为",
            ("application_codes", "act_description", "party_name", "party_is_organisation", "claims"),
        ),
        ("期限", ("copy_received_on", "accepted_on", "notes")),
    )

    def __init__(self, *args: Any, agencies: QuerySet[Agency], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        self.fields["review_case"].queryset = (
            AppealCase.objects.filter(agency__in=agencies, kind=CaseKind.REVIEW.value)
            .exclude(state=CaseState.VOIDED.value)
            .select_related("agency")
            .order_by("-filed_on", "-pk")
        )

    def fieldsets(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [(legend, [self[name] for name in names]) for legend, names in self.FIELDSETS]

    def submit(self, *, acting_user: Any) -> AppealCase | None:
        data = self.cleaned_data
        applications = self.tied_applications(data["agency"])
        if applications is None:
            return None
        party = data.get("party_name", "")
        try:
            return case_register(
                acting_user=acting_user,
                agency=data["agency"],
                kind=data["kind"],
                filed_on=data["filed_on"],
                body_name=data["body_name"],
                reference=data.get("reference", ""),
                review_case=data.get("review_case"),
                applications=applications,
                act_description=data.get("act_description", ""),
                party_name=party,
                party_is_organisation=bool(data.get("party_is_organisation")) if party else None,
                claims=data.get("claims", ""),
                copy_received_on=data.get("copy_received_on"),
                accepted_on=data.get("accepted_on"),
                notes=data.get("notes", ""),
            )
        except ValidationError as error:
            add_service_errors(self, error, {"applications": "application_codes"})
            return None


# --- actions on a case -----------------------------------------------------------------------------


class CaseActionForm(ServiceActionForm):
    """One action of the case page."""

    def __init__(self, *args: Any, case: AppealCase, user: Any, **kwargs: Any) -> None:
        self.case = case
        super().__init__(*args, user=user, **kwargs)

    def call(self, service, **kwargs: Any) -> Any:
        return service(acting_user=self.user, case=self.case, **kwargs)


class _OnForm(CaseActionForm):
    on = _date("日期")


class AcceptForm(_OnForm):
    title = "登记受理（立案）"
    button = "登记"
    success = "已登记受理（立案）日期。"

    def setup(self):
        self.fields["on"].label = "受理日期" if not self.case.case_kind.is_litigation else "立案日期"

    def run(self, data):
        return self.call(case_accept, on=data["on"])


class CopyReceivedForm(_OnForm):
    title = "登记收到副本"
    button = "登记"

    def setup(self):
        kind = self.case.case_kind
        self.fields["on"].label = f"收到{kind.copy_label}日期"
        self.fields["on"].help_text = f"{kind.defence_label}期限自此日起计算。"

    def run(self, data):
        return self.call(case_copy_received, on=data["on"])

    def message(self, result):
        return "已登记收到副本日期，答复（答辩）期限见案件页面。"


class HearingForm(_OnForm):
    title = "登记听证或开庭"
    button = "登记"
    success = "已登记听证或开庭日期。"

    def setup(self):
        self.fields["on"].label = "开庭日期" if self.case.case_kind.is_litigation else "听证日期"
        self.fields["on"].help_text = "已定的日期可以是将来的日期；改期的，重新登记。"

    def run(self, data):
        return self.call(case_hearing_set, on=data["on"])


class DefenceForm(_OnForm):
    title = "登记提交答复（答辩状）"
    button = "登记"
    success = "已登记提交日期。"

    def setup(self):
        self.title = f"登记提交{self.case.case_kind.defence_label}"
        self.fields["on"].label = "提交日期"

    def run(self, data):
        return self.call(case_defence_submit, on=data["on"])


class DecideForm(CaseActionForm):
    title = "登记审理结果"
    button = "登记结果"
    decision_type = _choice("审理结果", [])
    decided_on = _date("结果日期", help_text="决定书、判决书或裁定书落款的日期；表四按此日所在年度统计。")
    decision_received_on = _date(
        "收到文书日期", required=False, today=False, help_text="结果为纠正的，重新处理申请时以此日为收到申请之日。"
    )
    summary = _area("结果摘要", required=False, rows=3)

    def setup(self):
        self.fields["decision_type"].choices = [
            ("", "请选择"),
            *((d.value, f"{d.label} → {d.result.label}") for d in decisions_for(self.case.case_kind)),
        ]

    def run(self, data):
        return self.call(
            case_decide,
            decision_type=data["decision_type"],
            decided_on=data["decided_on"],
            decision_received_on=data.get("decision_received_on"),
            summary=data.get("summary", ""),
        )

    def message(self, result):
        text = f"已登记审理结果：{result.get_decision_type_display()}（{result.get_result_display()}）。"
        if result.reopen_prompted_on:
            text += "结果为纠正，请重新处理涉及的申请。"
        return text


class WithdrawForm(CaseActionForm):
    title = "登记撤回（撤诉）"
    button = "登记撤回"
    success = "已登记撤回，表四计入“其他结果”。"
    on = _date("撤回日期", help_text="复议机关准予撤回或法院裁定准许撤诉之日。")
    note = _area("撤回情况", rows=2, max_length=1000)

    def run(self, data):
        return self.call(case_withdraw, on=data["on"], note=data["note"])


class VoidForm(CaseActionForm):
    title = "作废登记"
    button = "作废"
    success = "案件登记已作废，不计入统计。"
    reason = _text("作废理由", 300, required=True)

    def run(self, data):
        return self.call(case_void, reason=data["reason"])


class EditForm(_CodesMixin, CaseActionForm):
    title = "修改案件信息"
    button = "保存"
    success = "案件信息已保存。"
    reference = _text("案号", 100)
    body_name = _text("复议机关或人民法院", 100, required=True)
    party_name = _text("申请人或原告", 100, required=True)
    party_is_organisation = forms.BooleanField(label="申请人或原告为法人或其他组织", required=False)
    application_codes = _codes_field()
    act_description = _area("其他政府信息公开行为", required=False, rows=2, max_length=2000)
    claims = _area("复议请求或诉讼请求", required=False, rows=3)
    notes = _area("备注", required=False, rows=2)

    def setup(self):
        if not self.is_bound:
            c = self.case
            self.initial = {
                "reference": c.reference,
                "body_name": c.body_name,
                "party_name": c.party_name,
                "party_is_organisation": c.party_is_organisation,
                "application_codes": " ".join(c.applications.order_by("pk").values_list("tracking_code", flat=True)),
                "act_description": c.act_description,
                "claims": c.claims,
                "notes": c.notes,
            }

    def run(self, data):
        applications = self.tied_applications(self.case.agency)
        if applications is None:
            return None
        fields = {
            name: data.get(name, "")
            for name in ("reference", "body_name", "party_name", "act_description", "claims", "notes")
        }
        return self.call(
            case_update,
            applications=applications,
            party_is_organisation=bool(data.get("party_is_organisation")),
            **fields,
        )


class DocumentAddForm(CaseActionForm):
    title = "上传材料"
    button = "上传"
    multipart = True
    kind = _choice("材料类型", DocumentKind.choices)
    file = forms.FileField(label="文件", error_messages={"required": "请选择要上传的文件。"})

    def run(self, data):
        upload = data["file"]
        return self.call(document_add, kind=data["kind"], filename=upload.name, data=upload.read())

    def message(self, result):
        return f"材料“{result.original_name}”已上传。"


class DocumentRemoveForm(CaseActionForm):
    title = "删除材料"
    button = "删除"
    document = forms.ModelChoiceField(
        label="材料",
        queryset=CaseDocument.objects.none(),
        error_messages={"required": "请选择材料。", "invalid_choice": "未找到该材料。"},
    )

    def setup(self):
        self.fields["document"].queryset = CaseDocument.objects.filter(case=self.case)

    def run(self, data):
        document = data["document"]
        document_remove(acting_user=self.user, document=document)
        return document

    def message(self, result):
        return f"材料“{result.original_name}”已删除。"


def reopenable(case: AppealCase) -> list[Application]:
    """The tied applications that may be handled again now (answered, not already being re-handled)."""
    return [
        a
        for a in case.applications.select_related("agency").order_by("pk")
        if a.application_state in REOPENABLE_STATES and open_reopening(a) is None
    ]


class ReopenForm(CaseActionForm):
    title = "重新处理申请"
    button = "登记新的申请"
    application = forms.ModelChoiceField(
        label="原申请",
        queryset=Application.objects.none(),
        empty_label=None,
        error_messages={"required": "请选择原申请。", "invalid_choice": "该申请不能重新处理。"},
    )
    on = _date("收到决定书或裁判文书日期", help_text="新申请以此日为收到申请之日，重新计算答复期限。")
    reason = _area("重新处理的依据", rows=2, max_length=1000)

    def setup(self):
        self.fields["application"].queryset = Application.objects.filter(pk__in=[a.pk for a in reopenable(self.case)])
        self.fields["application"].label_from_instance = lambda a: f"{a.tracking_code}（{a.get_outcome_display()}）"
        if not self.is_bound:
            case = self.case
            if case.decision_received_on or case.decided_on:
                self.initial["on"] = case.decision_received_on or case.decided_on
            self.initial["reason"] = (
                f"{case.body_name}{case.reference and '（' + case.reference + '）'}"
                f"{case.get_decision_type_display()}，要求重新处理。"
            )

    def run(self, data):
        return application_reopen(
            acting_user=self.user, application=data["application"], reason=data["reason"], on=data["on"]
        )

    def message(self, result):
        return f"已登记新的申请 {result.tracking_code}，请在依申请公开中办理。"


ACTION_FORMS: dict[str, type[CaseActionForm]] = {
    "accept": AcceptForm,
    "copy_received": CopyReceivedForm,
    "hearing": HearingForm,
    "defence": DefenceForm,
    "decide": DecideForm,
    "withdraw": WithdrawForm,
    "reopen": ReopenForm,
    "edit": EditForm,
    "document_add": DocumentAddForm,
    "document_remove": DocumentRemoveForm,
    "void": VoidForm,
}


def action_form(action: str, case: AppealCase, user: Any, data=None, files=None) -> CaseActionForm:
    """The form of ``action`` for ``case``, with the action as its prefix (unique ids on the page)."""
    return ACTION_FORMS[action](data, files, case=case, user=user, prefix=action)
