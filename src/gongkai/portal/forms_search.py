"""The query parameters of the public search page (``/search/``), validated: every one is optional; a
value that does not fit (a year that is not a number, an agency that does not exist or is deactivated,
a cursor that was not ours) is an error in Chinese on the page and the search does not run.

``filters()`` turns the cleaned data into ``search.plan.Filters``; the selector does the rest.
"""

from django import forms
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.agencies.selectors import agency_list_public
from gongkai.publications.choices import Genre, Validity
from gongkai.publications.models import CatalogNode, Topic
from gongkai.search.models import DocumentKind
from gongkai.search.plan import After, Filters

YEAR_MIN, YEAR_MAX = 2000, 2100
FIRST_LISTED_YEAR = 2008  # 《政府信息公开条例》 in force since 1 May 2008
YEAR_ERROR = f"年度应为{YEAR_MIN}至{YEAR_MAX}之间的整数。"
FILTER_FIELDS = ("agency", "node", "topic", "genre", "year", "validity", "kind")


def cursor_valid(text: str) -> bool:
    """A cursor ``search_page`` can use (``After.decode`` refuses anything else, 64-bit keys only)."""
    return After.decode(text) is not None


class AgencyChoiceField(forms.ModelChoiceField):
    """Active agencies in tree order, indented by depth (the select reads like the home page's tree)."""

    def label_from_instance(self, obj: Agency) -> str:
        return "\u3000" * obj.depth + obj.name


def _choice(label: str, choices, everything: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        required=False,
        choices=[("", everything), *choices],
        error_messages={"invalid_choice": f"{label}“%(value)s”不是可选的值。"},
    )


def _model(label: str, queryset, missing: str, **kwargs) -> forms.ModelChoiceField:
    field_class = kwargs.pop("field_class", forms.ModelChoiceField)
    return field_class(
        label=label,
        queryset=queryset,
        required=False,
        error_messages={"invalid_choice": missing, "invalid_pk_value": missing},
        **kwargs,
    )


class SearchForm(forms.Form):
    q = forms.CharField(label="检索词", required=False, strip=True)
    agency = _model(
        "发布机构",
        agency_list_public(),
        "所选发布机构不存在或已停用，请重新选择。",
        field_class=AgencyChoiceField,
        empty_label="全部机构（含下级）",
    )
    node = _model(
        "公开目录栏目",
        CatalogNode.objects.filter(is_active=True, agency__is_active=True),
        "所选公开目录栏目不存在或已停用。",
        widget=forms.HiddenInput,
    )
    topic = _model("主题分类", Topic.objects.all(), "所选主题分类不存在。", widget=forms.HiddenInput)
    genre = _choice("文种", Genre.choices, "全部文种")
    year = forms.TypedChoiceField(
        label="发布年度",
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": YEAR_ERROR},
    )
    validity = _choice("有效性", Validity.choices, "全部")
    kind = _choice("类型", DocumentKind.choices, "全部类型")
    after = forms.CharField(label="翻页位置", required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", "全部年度"), *self._year_choices()]

    def _year_choices(self) -> list[tuple[str, str]]:
        """This year back to 2008, and a year given in the address outside those (so it stays selected)."""
        years = list(range(timezone.localdate().year, FIRST_LISTED_YEAR - 1, -1))
        asked = self._asked_year()
        if asked is not None and asked not in years:
            years = sorted([*years, asked], reverse=True)
        return [(str(year), f"{year}年") for year in years]

    def _asked_year(self) -> int | None:
        value = (self.data.get("year") or "").strip() if self.is_bound else ""
        if value.isascii() and value.isdigit() and YEAR_MIN <= int(value) <= YEAR_MAX:
            return int(value)
        return None

    def clean_year(self) -> int | None:
        year = self.cleaned_data.get("year")
        if year is not None and not YEAR_MIN <= year <= YEAR_MAX:
            raise forms.ValidationError(YEAR_ERROR)
        return year

    def clean_after(self) -> str:
        after = self.cleaned_data.get("after", "").strip()
        if after and not cursor_valid(after):
            raise forms.ValidationError("翻页参数无效，请回到第一页重新检索。")
        return after

    def filters(self) -> Filters:
        data = self.cleaned_data
        return Filters(
            agency=data["agency"].pk if data.get("agency") else None,
            catalog_node=data["node"].pk if data.get("node") else None,
            topic=data["topic"].pk if data.get("topic") else None,
            genre=data.get("genre") or "",
            year=data.get("year"),
            validity=data.get("validity") or "",
            kind=data.get("kind") or "",
        )

    def has_filters(self) -> bool:
        return any(self.cleaned_data.get(name) for name in FILTER_FIELDS)
