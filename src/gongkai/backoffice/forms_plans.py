"""Forms of the key-area plan pages: an entry (add or change), deactivating and reactivating it, linking
a published item to a task by hand and undoing a completion. They only shape the input; the rules are
``keyareas.services``' (their ``ValidationError`` lands on the form)."""

from typing import Any

from django import forms

from gongkai.agencies.models import Agency, Department
from gongkai.backoffice.forms_common import ServiceActionForm, area_field, choice_field, date_field, text_field
from gongkai.keyareas import schedule
from gongkai.keyareas.models import PlanEntry, PlanTask
from gongkai.keyareas.selectors import task_candidates
from gongkai.keyareas.services.plans import plan_entry_create, plan_entry_set_active, plan_entry_update
from gongkai.keyareas.services.tasks import plan_task_complete, plan_task_uncomplete
from gongkai.publications.models import CatalogNode, InformationItem


def _node_choices(agency: Agency) -> list[tuple[str, str]]:
    """The agency's active catalog columns as an indented tree."""
    nodes = list(CatalogNode.objects.filter(agency=agency, is_active=True).order_by("sort_order", "pk"))
    children: dict[int | None, list[CatalogNode]] = {}
    for node in nodes:
        children.setdefault(node.parent_id, []).append(node)
    choices: list[tuple[str, str]] = [("", "请选择栏目")]

    def walk(parent: int | None, depth: int) -> None:
        for node in children.get(parent, []):
            code = f"（{node.code}）" if node.code else ""
            choices.append((str(node.pk), f"{'　' * depth}{node.name}{code}"))
            walk(node.pk, depth + 1)

    walk(None, 0)
    return choices


def _int_field(label: str, low: int, high: int) -> forms.IntegerField:
    message = f"{label}应为{low}至{high}的整数。"
    return forms.IntegerField(
        label=label,
        min_value=low,
        max_value=high,
        error_messages={"required": f"请填写{label}。", "invalid": message, "min_value": message, "max_value": message},
        widget=forms.NumberInput(attrs={"min": str(low), "max": str(high)}),
    )


class EntryForm(ServiceActionForm):
    """Add an entry to an agency's plan (``entry`` None) or change one."""

    button = "保存"

    title = text_field("公开事项", 60, required=True)
    catalog_node = choice_field("目录栏目", [])
    department = choice_field("责任内设机构", [], required=False)
    due_month = _int_field("公开期限（月）", 1, 12)
    due_day = _int_field("公开期限（日）", 1, 31)
    keywords = text_field(
        "标题关键词", 100, help_text="可选；填写后，栏目中标题含其中任一关键词的信息才算完成本事项（以空格或逗号分隔）"
    )
    legal_basis = area_field("公开依据", required=False, rows=3, max_length=2000)
    remind_days = text_field(
        "提前提醒天数", 60, help_text=f"到期前几天提醒责任内设机构，如“30, 7, 1”；每个数为1至{schedule.MAX_REMIND_DAYS}"
    )
    starts_on = date_field("开始日期", required=False, help_text="自包含该日期的周期起生成年度任务；默认今天")

    def __init__(self, *args: Any, user: Any, agency: Agency, entry: PlanEntry | None = None, **kwargs: Any) -> None:
        self.agency = agency
        self.entry = entry
        if entry is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "title": entry.title,
                "catalog_node": entry.catalog_node_id,
                "department": entry.department_id or "",
                "due_month": entry.due_month,
                "due_day": entry.due_day,
                "keywords": entry.keywords,
                "legal_basis": entry.legal_basis,
                "remind_days": ", ".join(str(d) for d in entry.remind_days or []),
            }
        super().__init__(*args, user=user, **kwargs)

    def setup(self) -> None:
        self.fields["catalog_node"].choices = _node_choices(self.agency)
        departments = Department.objects.filter(agency=self.agency, is_active=True).order_by("sort_order", "pk")
        self.fields["department"].choices = [("", "不指定（提醒公开办）")] + [(str(d.pk), d.name) for d in departments]
        if self.entry is not None:
            del self.fields["starts_on"]
        else:
            self.fields["remind_days"].initial = ", ".join(str(d) for d in schedule.DEFAULT_REMIND_DAYS)

    def clean_remind_days(self) -> list[int]:
        try:
            return schedule.parse_remind_days(self.cleaned_data.get("remind_days") or "")
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc

    def run(self, data: dict[str, Any]) -> PlanEntry:
        fields = {
            "title": data["title"].strip(),
            "catalog_node": CatalogNode.objects.filter(pk=data["catalog_node"]).first(),
            "department": Department.objects.filter(pk=data["department"]).first() if data["department"] else None,
            "due_month": data["due_month"],
            "due_day": data["due_day"],
            "keywords": data["keywords"].strip(),
            "legal_basis": data["legal_basis"].strip(),
            "remind_days": data["remind_days"],
        }
        if self.entry is None:
            if data.get("starts_on"):
                fields["starts_on"] = data["starts_on"]
            return plan_entry_create(acting_user=self.user, agency=self.agency, **fields)
        return plan_entry_update(acting_user=self.user, entry=self.entry, **fields)

    def message(self, result: Any) -> str:
        return f"已保存公开计划事项“{result.title}”。"


class EntryActiveForm(ServiceActionForm):
    reason = text_field("理由", 200)

    def __init__(self, *args: Any, user: Any, entry: PlanEntry, **kwargs: Any) -> None:
        self.entry = entry
        super().__init__(*args, user=user, **kwargs)

    def setup(self) -> None:
        if self.entry.is_active:
            self.fields["reason"].required = True
            self.fields["reason"].error_messages["required"] = "停用时必须说明理由。"

    @property
    def button(self) -> str:  # type: ignore[override]
        return "停用该事项" if self.entry.is_active else "重新启用"

    def run(self, data: dict[str, Any]) -> PlanEntry:
        return plan_entry_set_active(
            acting_user=self.user, entry=self.entry, active=not self.entry.is_active, reason=data["reason"]
        )

    def message(self, result: Any) -> str:
        return f"已{'启用' if result.is_active else '停用'}“{result.title}”。"


CANDIDATES_HELP = "本机构在本周期或下一周期发布的主动公开信息，本事项栏目中的信息排在前面；最多列出100条。"


class TaskCompleteForm(ServiceActionForm):
    title = "关联已发布的信息"
    button = "关联并完成"
    success = "已关联信息，任务已完成。"
    item = choice_field("已发布的信息", [])

    def __init__(self, *args: Any, user: Any, task: PlanTask, **kwargs: Any) -> None:
        self.task = task
        super().__init__(*args, user=user, **kwargs)

    def setup(self) -> None:
        self.candidates = task_candidates(self.task)
        self.fields["item"].choices = [("", "请选择")] + [
            (str(i.pk), f"{i.published_at:%Y-%m-%d} {i.title}（{i.catalog_node.name}）") for i in self.candidates
        ]
        self.fields["item"].help_text = CANDIDATES_HELP

    def run(self, data: dict[str, Any]) -> PlanTask:
        item = InformationItem.objects.select_related("agency").get(pk=data["item"])
        return plan_task_complete(acting_user=self.user, task=self.task, item=item)


class TaskUncompleteForm(ServiceActionForm):
    title = "撤销完成"
    button = "撤销完成"
    success = "已撤销完成，任务恢复为未完成。"
    reason = text_field("理由", 200, required=True)

    def __init__(self, *args: Any, user: Any, task: PlanTask, **kwargs: Any) -> None:
        self.task = task
        super().__init__(*args, user=user, **kwargs)

    def run(self, data: dict[str, Any]) -> PlanTask:
        return plan_task_uncomplete(acting_user=self.user, task=self.task, reason=data["reason"])
