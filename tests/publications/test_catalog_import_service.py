"""Bulk import of an existing catalog: every row or none, every problem reported with its row."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import openpyxl
import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from gongkai.audit.models import AuditEvent
from gongkai.publications.choices import Channel, Genre, ReportKind, Validity
from gongkai.publications.models import CatalogNode, InformationItem, Topic
from gongkai.publications.services import catalog_import as service
from gongkai.publications.services.catalog_import import catalog_import
from gongkai.publications.states import ItemState
from tests.factories import DepartmentFactory

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = dt.datetime(2026, 10, 9, 10, 0, tzinfo=SHANGHAI)
COLUMNS = [
    "标题",
    "成文日期",
    "发布日期",
    "公开目录",
    "索引号",
    "文号",
    "文种",
    "主题分类",
    "有效性",
    "废止日期",
    "年报统计类别",
    "制发日期",
    "公开渠道",
    "承办内设机构",
    "正文",
]


def row(title="关于做好2024年招生工作的通知", formed="2024-03-05", published="2024-03-08", catalog="政策文件", **more):
    return {"标题": title, "成文日期": formed, "发布日期": published, "公开目录": catalog, **more}


def xlsx(*rows) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(COLUMNS)
    for values in rows:
        sheet.append([values.get(column) for column in COLUMNS])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def run(staff, data, user=None, **kwargs):
    with time_machine.travel(NOW, tick=False):
        return catalog_import(
            acting_user=user or staff.office, agency=staff.agency, filename="旧目录.xlsx", data=data, **kwargs
        )


def errors(result):
    return [(p.row, p.column, p.message) for p in result.errors]


def good_file(staff):
    DepartmentFactory(agency=staff.agency, name="基础教育科")
    return xlsx(
        row(
            "关于印发《测试市义务教育招生管理办法》的通知",
            formed=dt.datetime(2024, 3, 5),  # noqa: DTZ001 - Excel date cells are naive by nature
            published="2024年3月8日",
            catalog="法定主动公开内容/政策文件",
            索引号=f"{staff.agency.credit_code}/2024-00001",
            文号="测教发〔2024〕1号",
            文种="通知",
            主题分类="科技、教育 › 教育",
            年报统计类别="行政规范性文件",
            制发日期="2024-03-05",
            公开渠道="政府网站、政府公报",
            承办内设机构="基础教育科",
            正文="第一条 <为规范招生>\n\n第二条 本办法自发布之日起施行。",
        ),
        row("测试市教育局2023年部门预算", formed="2024.1.20", published="2024/1/25", catalog="CWXX", 主题分类="教育"),
        row(
            "关于废止若干规范性文件的通知",
            formed="2023-06-01",
            published="2023-06-05",
            catalog="法定主动公开内容 > 政策文件",
            有效性="已废止",
            废止日期="2025-01-10",
            年报统计类别="规范性文件",
            制发日期="2023-06-01",
        ),
    )


def test_good_file_imports_every_row_with_index_numbers_catalog_columns_and_repeals(staff):
    result = run(staff, good_file(staff))
    assert errors(result) == []
    assert (result.rows, result.imported, result.repealed) == (3, 3, 1)
    items = {i.title: i for i in InformationItem.objects.filter(pk__in=result.item_ids)}
    assert len(items) == 3
    measures = items["关于印发《测试市义务教育招生管理办法》的通知"]
    budget = items["测试市教育局2023年部门预算"]
    repealed = items["关于废止若干规范性文件的通知"]
    assert all(i.state == ItemState.PUBLISHED and i.created_by == staff.office for i in items.values())
    assert measures.index_number == f"{staff.agency.credit_code}/2024-00001"
    # The allocated number skips the one the file gives to another row.
    assert budget.index_number == f"{staff.agency.credit_code}/2024-00002"
    assert repealed.index_number == f"{staff.agency.credit_code}/2023-00001"
    assert measures.catalog_node == repealed.catalog_node == staff.node
    assert budget.catalog_node.code == "CWXX"
    assert measures.topic == budget.topic == Topic.objects.get(name="教育")
    assert measures.department.name == "基础教育科"
    assert measures.genre == Genre.NOTICE
    assert budget.genre == Genre.OTHER
    assert measures.channels == [Channel.WEBSITE, Channel.GAZETTE]
    assert budget.channels == [Channel.WEBSITE]
    assert measures.report_kind == ReportKind.NORMATIVE
    assert measures.issued_on == dt.date(2024, 3, 5)
    assert measures.issuer == staff.agency.name
    assert measures.body == "<p>第一条 &lt;为规范招生&gt;</p><p>第二条 本办法自发布之日起施行。</p>"
    assert measures.published_at == dt.datetime(2024, 3, 8, 9, 0, tzinfo=SHANGHAI)
    assert measures.validity == Validity.VALID
    assert repealed.validity == Validity.REPEALED
    assert repealed.repealed_on == dt.date(2025, 1, 10)
    # Imported in order of publication.
    assert list(result.item_ids) == [repealed.pk, budget.pk, measures.pk]
    summary = AuditEvent.objects.get(action="catalog.import")
    assert summary.agency == staff.agency
    assert summary.actor == staff.office
    assert summary.after == {"file": "旧目录.xlsx", "rows": 3, "sha256": result.sha256, "repealed": 1}
    imports = AuditEvent.objects.filter(action="item.import")
    assert imports.count() == 3
    assert any("旧目录.xlsx 第2行" in e.summary for e in imports)
    assert AuditEvent.objects.filter(action="item.repeal", target_id=str(repealed.pk)).exists()


def test_one_bad_row_among_good_ones_imports_nothing_and_every_bad_row_is_reported(staff):
    before = AuditEvent.objects.count()
    data = xlsx(
        row("好的一行"),
        row("未知栏目", catalog="不存在的栏目"),
        row("又一好行", formed="2024-04-01", published="2024-04-02"),
        row("坏的一行", formed="2024-05-10", published="2024-05-01", 文种="通告书", 公开渠道="网站、电视台"),
        row("", formed="2024-3-32"),
    )
    result = run(staff, data)
    assert not InformationItem.objects.exists()
    assert AuditEvent.objects.count() == before
    assert result.item_ids == ()
    assert errors(result) == [
        (3, "公开目录", "本机构没有公开目录栏目“不存在的栏目”。"),
        (5, "文种", "无法识别“通告书”，可填：" + "、".join(Genre.labels) + "。"),
        (5, "公开渠道", "无法识别公开渠道“网站”，可填：" + "、".join(Channel.labels) + "。"),
        (5, "公开渠道", "无法识别公开渠道“电视台”，可填：" + "、".join(Channel.labels) + "。"),
        (5, "发布日期", "发布日期不能早于成文日期。"),
        (6, "标题", "必填，不能为空。"),
        (6, "成文日期", "日期“2024-3-32”不存在。"),
    ]


def test_index_numbers_must_be_unique_in_the_file_and_on_the_platform(staff):
    run(staff, xlsx(row("已有", 索引号="OLD/2024-1")))
    result = run(
        staff,
        xlsx(
            row("一", 索引号="A/2024-1"),
            row("二", 索引号="OLD/2024-1"),
            row("三", 索引号="A/2024-1"),
            row("四", 索引号="A/2024-1"),
        ),
    )
    assert errors(result) == [
        (3, "索引号", "索引号“OLD/2024-1”已被平台上的其他信息使用。"),
        (4, "索引号", "索引号“A/2024-1”与第2行重复。"),
        (5, "索引号", "索引号“A/2024-1”与第2行重复。"),
    ]
    assert InformationItem.objects.count() == 1


def test_catalog_columns_by_code_name_or_path_and_ambiguous_names(staff):
    other_parent = CatalogNode.objects.get(agency=staff.agency, code="ZCJD")
    CatalogNode.objects.create(agency=staff.agency, parent=other_parent, name="招生管理", code="JD-ZS")
    CatalogNode.objects.create(agency=staff.agency, name="旧栏目", code="OLD", is_active=False)
    result = run(
        staff,
        xlsx(
            row("按代码", catalog="zsgl"),
            row("不唯一", catalog="招生管理"),
            row("按路径", catalog="政策解读／招生管理"),
            row("停用", catalog="旧栏目"),
            row("别的机构", catalog="学校概况"),
        ),
        dry_run=True,
    )
    assert errors(result) == [
        (
            3,
            "公开目录",
            "公开目录栏目“招生管理”不唯一（政策解读/招生管理、法定主动公开内容/招生管理），请填写完整路径。",
        ),
        (5, "公开目录", "公开目录栏目“旧栏目”已停用。"),
        (6, "公开目录", "本机构没有公开目录栏目“学校概况”。"),
    ]


def test_topics_departments_and_vocabularies_are_resolved_or_reported(staff):
    DepartmentFactory(agency=staff.agency, name="停用科", is_active=False)
    DepartmentFactory(name="别的机构的科")
    result = run(
        staff,
        xlsx(
            row("一", 主题分类="不存在", 承办内设机构="别的机构的科"),
            row("二", 主题分类="科技、教育/体育", 承办内设机构="停用科"),
            row("三", 有效性="已修改", 年报统计类别="地方性法规"),
        ),
        dry_run=True,
    )
    assert errors(result) == [
        (2, "主题分类", "没有主题分类“不存在”。"),
        (2, "承办内设机构", "本机构没有内设机构“别的机构的科”。"),
        (3, "主题分类", "没有主题分类“科技、教育/体育”。"),
        (3, "承办内设机构", "内设机构“停用科”已停用。"),
        (4, "年报统计类别", "无法识别“地方性法规”，可填：规章、行政规范性文件。"),
        (4, "有效性", "不能导入“已修改”的信息：有效性只能是“现行有效”或“已废止”。"),
    ]


def test_rules_for_dates_repeals_and_report_kinds(staff):
    result = run(
        staff,
        xlsx(
            row("未来发布", formed="2026-10-01", published="2026-10-12"),
            row("废止无日期", 有效性="已废止"),
            row("废止早于成文", 有效性="已废止", 废止日期="2024-01-01"),
            row("有效却有废止日期", 废止日期="2025-01-01"),
            row("规章无制发日期", 年报统计类别="规章"),
            row("废止日期在未来", 有效性="废止", 废止日期="2026-12-31"),
        ),
        dry_run=True,
    )
    assert errors(result) == [
        (2, "发布日期", "发布时间不能晚于当前时间。"),
        (3, "废止日期", "有效性为“已废止”时必须填写废止日期。"),
        (4, "废止日期", "废止日期不能早于成文日期。"),
        (5, "废止日期", "填写了废止日期，但有效性不是“已废止”。"),
        (6, "制发日期", "计入年报的规章、行政规范性文件必须填写制发日期。"),
        (7, "废止日期", "废止日期不能晚于今天。"),
    ]


def test_model_validation_is_reported_per_column(staff):
    result = run(staff, xlsx(row("长" * 301, 文号="号" * 101)), dry_run=True)
    assert [(p.row, p.column) for p in result.errors] == [(2, "标题"), (2, "文号")]
    assert "300" in result.errors[0].message


def test_published_today_before_nine_is_recorded_at_the_import_time(staff):
    early = dt.datetime(2026, 10, 9, 7, 30, tzinfo=SHANGHAI)
    with time_machine.travel(early, tick=False):
        result = catalog_import(
            acting_user=staff.office,
            agency=staff.agency,
            filename="a.xlsx",
            data=xlsx(row(formed="2026-10-08", published="2026-10-09")),
        )
    assert errors(result) == []
    assert InformationItem.objects.get().published_at == early


def test_permission_refused_for_an_officer(staff):
    with pytest.raises(PermissionDenied):
        run(staff, xlsx(row()), user=staff.officer)
    assert not InformationItem.objects.exists()


def test_dry_run_writes_nothing(staff):
    before = AuditEvent.objects.count()
    result = run(staff, good_file(staff), dry_run=True)
    assert result.ok
    assert result.dry_run
    assert (result.rows, result.imported) == (3, 0)
    assert not InformationItem.objects.exists()
    assert AuditEvent.objects.count() == before


def test_the_same_file_is_not_imported_twice_and_similar_rows_are_flagged(staff):
    data = xlsx(row())
    assert run(staff, data).imported == 1
    again = run(staff, data)
    assert again.imported == 0
    assert again.errors[0].row is None
    assert again.errors[0].message.startswith("同一文件已于2026-10-09 10:00导入过（1条）")
    edited = run(staff, xlsx(row(), row("新的一条")))
    assert edited.warnings == ("第2行与本机构已有信息的标题和成文日期相同，请确认不是重复导入。",)
    assert edited.imported == 2  # a warning does not block


def test_a_failure_while_writing_rolls_everything_back(staff, monkeypatch):
    def refuse(**kwargs):
        raise ValidationError({"repealed_on": "模拟的写入失败。"})

    monkeypatch.setattr(service, "item_repeal", refuse)
    result = run(staff, good_file(staff))
    assert errors(result) == [(4, "废止日期", "模拟的写入失败。")]
    assert result.imported == 0
    assert not InformationItem.objects.exists()
    assert not AuditEvent.objects.filter(action__in=["item.import", "catalog.import"]).exists()


def test_unreadable_file_is_reported(staff):
    result = run(staff, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64)
    assert result.rows == 0
    assert result.errors[0].row is None
    assert "旧版 Excel" in result.errors[0].message


# -- management command ------------------------------------------------------------------------------


def test_command_imports_and_prints_the_count(staff, tmp_path):
    path = tmp_path / "目录.xlsx"
    path.write_bytes(good_file(staff))
    out = io.StringIO()
    with time_machine.travel(NOW, tick=False):
        call_command("import_catalog", str(path), agency=staff.agency.credit_code, user="office1", stdout=out)
    assert "已导入3条信息（其中已废止1条）。" in out.getvalue()
    assert InformationItem.objects.count() == 3


def test_command_dry_run(staff, tmp_path):
    path = tmp_path / "目录.csv"
    path.write_text("标题,成文日期,发布日期,公开目录\n一,2024-03-05,2024-03-08,政策文件\n", encoding="utf-8-sig")
    out = io.StringIO()
    call_command("import_catalog", str(path), "--dry-run", agency=str(staff.agency.pk), user="office1", stdout=out)
    assert "检查通过：共1行" in out.getvalue()
    assert not InformationItem.objects.exists()


def test_command_reports_each_problem_and_exits_with_status_1(staff, tmp_path):
    path = tmp_path / "目录.xlsx"
    path.write_bytes(xlsx(row("好"), row("坏", catalog="无此栏目"), row("也坏", published="昨天")))
    out = io.StringIO()
    with pytest.raises(CommandError, match="共2处问题，未导入任何信息。") as failure:
        call_command("import_catalog", str(path), agency=str(staff.agency.pk), user="office1", stdout=out)
    assert failure.value.returncode == 1  # what `gongkai import_catalog` exits with
    lines = out.getvalue().splitlines()
    assert "第3行 [公开目录] 本机构没有公开目录栏目“无此栏目”。" in lines
    assert any(line.startswith("第4行 [发布日期] “昨天”不是日期") for line in lines)
    assert not InformationItem.objects.exists()


def test_command_refuses_unknown_agency_user_and_permission(staff, tmp_path):
    path = tmp_path / "目录.xlsx"
    path.write_bytes(xlsx(row()))
    with pytest.raises(CommandError, match="未找到机构"):
        call_command("import_catalog", str(path), agency="999999", user="office1")
    with pytest.raises(CommandError, match="未找到启用的用户"):
        call_command("import_catalog", str(path), agency=str(staff.agency.pk), user="nobody")
    with pytest.raises(CommandError, match="没有在该机构执行此操作的权限"):
        call_command("import_catalog", str(path), agency=str(staff.agency.pk), user="officer1")
    with pytest.raises(CommandError, match="无法读取文件"):
        call_command("import_catalog", str(tmp_path / "missing.xlsx"), agency=str(staff.agency.pk), user="office1")
