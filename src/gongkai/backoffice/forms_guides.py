"""Forms of the back-office service guide pages: matters, guide versions (materials and steps typed one
per line, read by ``serviceguides.content``), decisions and their withdrawal. The rules are the services';
their Chinese ``ValidationError`` messages are put on the fields."""

from typing import Any

from django import forms

from gongkai.agencies.models import Department
from gongkai.backoffice.forms_common import add_service_errors, area_field, choice_field, date_field, text_field
from gongkai.serviceguides import content as guide_content
from gongkai.serviceguides.models import (
    LIMIT_UNIT_CHOICES,
    RESULTS_BY_KIND,
    ApplicantKind,
    DecisionResult,
    MatterKind,
    ServiceGuide,
    ServiceMatter,
)

__all__ = ["DecisionForm", "GuideForm", "MatterForm", "WithdrawDecisionForm", "add_service_errors"]


class _Form(forms.Form):
    required_css_class = "required"
    error_css_class = "has-error"


def _limit(label: str, minimum: int) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=minimum,
        max_value=guide_content.MAX_STATUTORY_LIMIT,
        error_messages={
            "required": f"请填写{label}。",
            "invalid": f"{label}应为整数。",
            "min_value": f"{label}应为{minimum}至{guide_content.MAX_STATUTORY_LIMIT}。",
            "max_value": f"{label}应为{minimum}至{guide_content.MAX_STATUTORY_LIMIT}。",
        },
    )


class MatterForm(_Form):
    agency = forms.ModelChoiceField(label="实施机关", queryset=None, empty_label=None)
    name = text_field("事项名称", 200, required=True)
    code = text_field("事项编码", 50, required=True, help_text="政务服务事项编码（实施清单中的编码），本机关内不得重复")
    kind = choice_field("事项类型", MatterKind.choices, radio=True)
    department = forms.ModelChoiceField(label="承办机构", queryset=None, required=False, empty_label="—")
    is_active = forms.BooleanField(label="在办", required=False, initial=True, help_text="停办的事项不再登记办理结果")
    sort_order = forms.IntegerField(label="排序", min_value=0, initial=0, required=False)

    def __init__(self, *args: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        self.fields["department"].queryset = Department.objects.filter(agency__in=agencies).order_by("agency", "pk")

    @classmethod
    def initial_for(cls, matter: ServiceMatter) -> dict[str, Any]:
        return {
            "agency": matter.agency,
            "name": matter.name,
            "code": matter.code,
            "kind": matter.kind,
            "department": matter.department,
            "is_active": matter.is_active,
            "sort_order": matter.sort_order,
        }

    def service_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "agency": data["agency"],
            "name": data["name"],
            "code": data["code"],
            "kind": data["kind"],
            "department": data["department"],
            "is_active": data["is_active"],
            "sort_order": data.get("sort_order") or 0,
        }


FEE_CHOICES = [("free", guide_content.FEE_FREE), ("charges", "收费")]


class GuideForm(_Form):
    aliases = {"materials": "materials_text", "steps": "steps_text", "charges": "fee_kind"}

    basis = area_field(
        "设定依据", help_text="法律、法规、规章的名称和条款，每行一项", max_length=guide_content.MAX_LONG
    )
    conditions = area_field("申请条件", rows=5, max_length=guide_content.MAX_LONG)
    materials_text = area_field("申请材料", rows=6, help_text=guide_content.MATERIALS_FORMAT, max_length=20000)
    steps_text = area_field("办理流程", rows=5, help_text=guide_content.STEPS_FORMAT, max_length=20000)
    statutory_limit = _limit("法定办结时限", 1)
    statutory_unit = choice_field("法定时限单位", LIMIT_UNIT_CHOICES, initial="workdays")
    promised_limit = _limit("承诺办结时限", 0)
    promised_unit = choice_field("承诺时限单位", LIMIT_UNIT_CHOICES, initial="workdays")
    fee_kind = choice_field("收费", FEE_CHOICES, radio=True, initial="free")
    fee_standard = area_field("收费标准", required=False, rows=2)
    fee_basis = area_field("收费依据", required=False, rows=2)
    place = area_field("办理地点", rows=2, max_length=guide_content.MAX_LONG)
    hours = text_field("办理时间", 200)
    methods = area_field("申请方式", required=False, rows=2, help_text="窗口、网上、邮寄等")
    online_url = forms.URLField(label="网上办理地址", required=False, max_length=300, assume_scheme="https")
    result = area_field("办理结果", required=False, rows=2, help_text="如：准予许可的，颁发《民办学校办学许可证》")
    result_publication = area_field("结果公开", required=False, rows=2, help_text="在何处、多长时间内公开办理结果")
    contact_phone = text_field("咨询电话", 100, required=True)
    complaint_phone = text_field("监督投诉电话", 100)
    formed_on = date_field("成文日期", help_text="本版本办事指南形成的日期")

    @classmethod
    def initial_for(cls, guide: ServiceGuide) -> dict[str, Any]:
        content = guide.content()
        initial: dict[str, Any] = {name: getattr(guide, name) for name in cls.base_fields if hasattr(guide, name)}
        initial.update(
            materials_text=guide_content.materials_text(content.materials),
            steps_text=guide_content.steps_text(content.steps),
            fee_kind="charges" if guide.charges else "free",
            formed_on=guide.item.formed_on,
        )
        return initial

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        materials, errors = guide_content.parse_materials(data.get("materials_text", ""))
        for message in errors:
            self.add_error("materials_text", message)
        steps, errors = guide_content.parse_steps(data.get("steps_text", ""))
        for message in errors:
            self.add_error("steps_text", message)
        data["materials"], data["steps"] = materials, steps
        return data

    def service_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        skip = {"materials_text", "steps_text", "fee_kind"}
        fields = {name: data[name] for name in self.fields if name not in skip}
        fields.update(materials=data["materials"], steps=data["steps"], charges=data["fee_kind"] == "charges")
        return fields


class DecisionForm(_Form):
    number = text_field("决定文书号", 100, required=True)
    decided_on = date_field("决定日期")
    applicant_kind = choice_field("申请人类型", ApplicantKind.choices, radio=True, initial=ApplicantKind.ORGANISATION)
    applicant_name = text_field("申请人", 200, required=True, help_text="自然人的姓名公开时只显示姓氏（如：张**）")
    result = choice_field("办理结果", DecisionResult.choices)
    summary = text_field("内容摘要", 500, help_text="不得含有身份证号码、电话等个人信息")
    is_published = forms.BooleanField(label="在门户公开", required=False, initial=True)

    def __init__(self, *args: Any, matter: ServiceMatter, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        allowed = RESULTS_BY_KIND[matter.kind]
        self.fields["result"].choices = [(r, DecisionResult(r).label) for r in allowed]


class WithdrawDecisionForm(_Form):
    reason = text_field("撤回理由", 300, required=True)
