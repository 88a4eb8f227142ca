"""Forms of the back-office annual report pages: starting a report, one form per workflow action, the
texts, the table cells and the yearly statistics. The forms only shape the input; the rules are the
services' (``reports.services``), whose Chinese ``ValidationError`` messages land on the fields."""

from typing import Any, ClassVar

from django import forms

from gongkai.backoffice.forms_common import ServiceActionForm, add_service_errors, area_field, text_field
from gongkai.reports.document import Cell, cells, get, path_text
from gongkai.reports.layout import format_value
from gongkai.reports.models import AnnualReport
from gongkai.reports.selectors import statistic_value
from gongkai.reports.services.editing import MAX_NOTE, MAX_REASON, MAX_SECTION
from gongkai.reports.services.generation import report_generate
from gongkai.reports.services.statistics import MAX_SOURCE, statistic_cells
from gongkai.reports.services.workflow import (
    MAX_COMMENT,
    report_accept,
    report_publish,
    report_reopen,
    report_return,
    report_submit,
    report_withdraw,
)
from gongkai.reports.states import TransitionError
from gongkai.rules.outcomes import report_format_for_year


class ReportActionForm(ServiceActionForm):
    transition_errors = (TransitionError,)

    def __init__(self, *args: Any, report: AnnualReport, **kwargs: Any) -> None:
        self.report = report
        super().__init__(*args, **kwargs)


class RegenerateForm(ReportActionForm):
    title = "按记录重新生成"
    button = "重新生成"
    redraft_overview = forms.BooleanField(
        label="第一部分也按记录重新起草",
        required=False,
        help_text="不勾选时，已手工修改的第一部分保持不变；手工修改过的表格数据始终保留。",
    )

    def run(self, data: dict[str, Any]) -> Any:
        return report_generate(
            acting_user=self.user,
            agency=self.report.agency,
            year=self.report.year,
            redraft_overview=data["redraft_overview"],
        )

    def message(self, result: Any) -> str:
        parts = [f"已按记录重新生成，{len(result.changed)}项数据发生变化"]
        named = 5
        if result.changed:
            parts.append(
                "："
                + "、".join(c.name for c, _b, _a in result.changed[:named])
                + ("等" if len(result.changed) > named else "")
            )
        if result.kept:
            parts.append(f"；保留了{len(result.kept)}项手工修改（与记录不一致，请核对）")
        return "".join(parts) + "。"


class SubmitForm(ReportActionForm):
    title = "报送审核"
    button = "报送"
    success = "已报送政府信息公开工作主管部门审核。"
    note = area_field("报送说明", required=False, rows=2, max_length=MAX_COMMENT)

    def run(self, data: dict[str, Any]) -> Any:
        return report_submit(acting_user=self.user, report=self.report, note=data["note"])


class WithdrawForm(ReportActionForm):
    title = "撤回报送"
    button = "撤回"
    success = "已撤回报送，报告回到草稿状态。"

    def run(self, data: dict[str, Any]) -> Any:
        return report_withdraw(acting_user=self.user, report=self.report)


class ReturnForm(ReportActionForm):
    title = "退回修改"
    button = "退回"
    success = "已退回修改，并通知报送单位。"
    aliases: ClassVar[dict[str, str]] = {"comment": "comment"}
    comment = area_field("退回意见", rows=4, max_length=MAX_COMMENT)

    def run(self, data: dict[str, Any]) -> Any:
        return report_return(acting_user=self.user, report=self.report, comment=data["comment"])


class AcceptForm(ReportActionForm):
    title = "审核通过"
    button = "审核通过"
    success = "已审核通过，并通知报送单位发布。"
    comment = area_field("审核意见", required=False, rows=2, max_length=MAX_COMMENT)

    def run(self, data: dict[str, Any]) -> Any:
        return report_accept(acting_user=self.user, report=self.report, comment=data["comment"])


class ReopenForm(ReportActionForm):
    title = "重新修改"
    button = "回到草稿"
    success = "报告已回到草稿状态，修改后需重新报送审核。"
    aliases: ClassVar[dict[str, str]] = {"comment": "reason"}
    reason = area_field("重新修改的理由", rows=2, max_length=MAX_COMMENT)

    def run(self, data: dict[str, Any]) -> Any:
        return report_reopen(acting_user=self.user, report=self.report, reason=data["reason"])


class PublishForm(ReportActionForm):
    title = "发布"
    button = "发布到政府信息公开年报栏目"
    success = "年度报告已发布。"
    confirm = forms.BooleanField(
        label="已核对报告内容，确认发布（发布后不能修改）",
        error_messages={"required": "请勾选确认后再发布。"},
    )

    def run(self, data: dict[str, Any]) -> Any:
        return report_publish(acting_user=self.user, report=self.report)


ACTION_FORMS: dict[str, type[ReportActionForm]] = {
    "regenerate": RegenerateForm,
    "submit": SubmitForm,
    "withdraw": WithdrawForm,
    "return": ReturnForm,
    "accept": AcceptForm,
    "reopen": ReopenForm,
    "publish": PublishForm,
}


def action_form(name: str, report: AnnualReport, user: Any, data: Any = None) -> ReportActionForm:
    return ACTION_FORMS[name](data, report=report, user=user, prefix=name)


# --- texts -------------------------------------------------------------------------------------------


class TextsForm(forms.Form):
    required_css_class = "required"
    error_css_class = "has-error"

    overview = area_field("一、总体情况", rows=18, max_length=MAX_SECTION)
    problems = area_field(
        "五、存在的主要问题及改进情况",
        required=False,
        rows=10,
        max_length=MAX_SECTION,
        help_text="结合本年度实际情况撰写，不要照搬上年报告。",
    )
    other = area_field(
        "六、其他需要报告的事项",
        required=False,
        rows=5,
        max_length=MAX_SECTION,
        help_text="信息处理费的收取情况由系统按记录写在本部分最前面，无需重复填写。",
    )
    notes_management = area_field(
        "补充材料：政府信息管理情况", required=False, rows=3, max_length=MAX_NOTE, help_text="写入第一部分（三）"
    )
    notes_platform = area_field(
        "补充材料：平台建设情况", required=False, rows=3, max_length=MAX_NOTE, help_text="写入第一部分（四）"
    )
    notes_supervision = area_field(
        "补充材料：监督保障情况",
        required=False,
        rows=3,
        max_length=MAX_NOTE,
        help_text="写入第一部分（五）：培训、考核、社会评议、责任追究等",
    )


# --- table cells ---------------------------------------------------------------------------------------


def cell_field_name(c: Cell) -> str:
    return "cell-" + path_text(c.path).replace("/", "__")


class CellsForm(forms.Form):
    """Every number cell of the report's format, pre-filled with the report's values."""

    error_css_class = "has-error"
    reason = text_field(
        "修改理由", MAX_REASON, help_text="与按记录统计的数值不一致时必须填写，例如数据来自其他业务系统或记录有误。"
    )

    def __init__(self, *args: Any, report: AnnualReport, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.report = report
        self.cell_fields: dict[str, Cell] = {}
        for c in cells(report.format):
            name = cell_field_name(c)
            self.cell_fields[name] = c
            self.fields[name] = forms.CharField(
                label=c.name,
                required=False,
                max_length=30,
                initial=format_value(c.kind.value, get(report.data, c.path)),
                widget=forms.TextInput(attrs={"inputmode": "decimal", "size": "6", "aria-label": c.name}),
            )

    def values(self) -> dict[str, str]:
        return {path_text(c.path): self.cleaned_data.get(name, "") for name, c in self.cell_fields.items()}

    def put_errors(self, error: Any) -> None:
        by_path = {path_text(c.path): name for name, c in self.cell_fields.items()}
        add_service_errors(self, error, by_path)


# --- statistics ----------------------------------------------------------------------------------------


class StatisticsForm(forms.Form):
    """The table 二 figures of other business systems for one agency's year, each with its source."""

    error_css_class = "has-error"

    def __init__(self, *args: Any, year: int, stored: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows: list[tuple[Cell, str, str]] = []
        fmt = report_format_for_year(year).value
        for c in statistic_cells(year):
            key = path_text(c.path)
            entry = stored.get(key)
            base = key.replace("/", "__")
            self.fields[f"value-{base}"] = forms.CharField(
                label=c.name,
                required=False,
                max_length=30,
                initial=format_value(c.kind.value, statistic_value(fmt, key, entry.value)) if entry is not None else "",
                widget=forms.TextInput(attrs={"inputmode": "decimal", "size": "10"}),
            )
            self.fields[f"source-{base}"] = forms.CharField(
                label=f"{c.name}的数据来源",
                required=False,
                max_length=MAX_SOURCE,
                initial=entry.source if entry is not None else "",
            )
            self.rows.append((c, f"value-{base}", f"source-{base}"))

    def values(self) -> dict[str, tuple[str, str]]:
        return {
            path_text(c.path): (self.cleaned_data.get(value, ""), self.cleaned_data.get(source, ""))
            for c, value, source in self.rows
        }

    def put_errors(self, error: Any) -> None:
        add_service_errors(self, error, {path_text(c.path): value for c, value, _source in self.rows})
