from django import forms

from gongkai.agencies.models import Agency, Department
from gongkai.publications.choices import Channel
from gongkai.publications.models import CatalogNode, InformationItem, Topic
from gongkai.publications.services.items import EDITABLE_FIELDS


class ItemForm(forms.ModelForm):
    """The catalog entry of a draft. Querysets are limited to the item's own agency."""

    channels = forms.MultipleChoiceField(
        label="公开渠道", choices=Channel.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    body = forms.CharField(
        label="正文",
        required=False,
        widget=forms.Textarea(attrs={"rows": 14, "data-editor": "rich"}),
        help_text="可直接输入文字（空行分段），也可粘贴带格式的内容；保存时自动清理不安全的格式。"
        "快捷键：Ctrl+B 加粗，Ctrl+Alt+2 小标题，Ctrl+Shift+8 项目列表，Alt+F10 进入格式工具栏。",
    )

    # The order staff fill a catalog entry in: what it is, where it goes, then the disclosure details.
    field_order = (
        "title",
        "catalog_node",
        "formed_on",
        "document_number",
        "issuer",
        "genre",
        "summary",
        "body",
        "topic",
        "department",
        "keywords",
        "origin",
        "attribute",
        "withholding_ground",
        "channels",
        "report_kind",
        "issued_on",
        "amends",
        "interprets",
    )

    class Meta:
        model = InformationItem
        fields = [*EDITABLE_FIELDS, "interprets"]
        widgets = {
            "formed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "issued_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "summary": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, agency: Agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.agency = agency
        self.fields["catalog_node"].queryset = CatalogNode.objects.filter(agency=agency, is_active=True)
        self.fields["department"].queryset = Department.objects.filter(agency=agency, is_active=True)
        self.fields["topic"].queryset = Topic.objects.select_related("parent")
        others = InformationItem.objects.filter(agency=agency, state="published")
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        self.fields["amends"].queryset = others
        self.fields["interprets"].queryset = others
        self.fields["interprets"].required = False
        self.fields["title"].widget.attrs.update({"autofocus": True, "size": 80})

    def clean_body(self):
        body = self.cleaned_data["body"]
        if body and "<" not in body:  # plain text: blank lines separate paragraphs
            paragraphs = [p.strip().replace("\n", "<br>") for p in body.split("\n\n") if p.strip()]
            body = "".join(f"<p>{p}</p>" for p in paragraphs)
        return body


class AttachmentForm(forms.Form):
    file = forms.FileField(label="附件", help_text="PDF、Word、Excel 或图片；按内容识别类型")


class ApproveForm(forms.Form):
    comment = forms.CharField(label="审核意见", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    override_reason = forms.CharField(
        label="确认发布理由",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="自动检查有发现时，须逐项核实并说明为何仍可公开（将记入审计日志）",
    )


class ReturnForm(forms.Form):
    comment = forms.CharField(label="退回意见", widget=forms.Textarea(attrs={"rows": 2}))


class WithdrawForm(forms.Form):
    reason = forms.CharField(label="撤回理由", widget=forms.Textarea(attrs={"rows": 2}))


class RepealForm(forms.Form):
    repealed_on = forms.DateField(label="废止日期", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    reason = forms.CharField(label="废止依据", max_length=300)


class ReevaluateForm(forms.Form):
    release = forms.TypedChoiceField(
        label="评估结论", choices=[("0", "继续不予公开"), ("1", "转为主动公开")], coerce=lambda v: v == "1"
    )
    comment = forms.CharField(label="评估意见", widget=forms.Textarea(attrs={"rows": 2}))
