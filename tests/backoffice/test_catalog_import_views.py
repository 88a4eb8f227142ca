"""The back-office import page and the template download."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.audit.models import AuditEvent
from gongkai.publications.catalog_import import read_catalog
from gongkai.publications.models import InformationItem
from gongkai.publications.states import ItemState
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
HEADER = ["标题", "成文日期", "发布日期", "公开目录", "索引号"]


def xlsx(*rows) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    for values in rows:
        sheet.append(values)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def upload(client, staff, data, name="旧目录.xlsx", **extra):
    form = {"agency": staff.agency.pk, "file": SimpleUploadedFile(name, data), **extra}
    return client.post(reverse("backoffice:catalog_import"), form)


def test_office_uploads_a_good_file_and_the_items_appear(client, staff):
    client.force_login(staff.office)
    page = client.get(reverse("backoffice:catalog_import")).content.decode()
    assert "只检查不导入" in page
    assert reverse("backoffice:catalog_import_template") in page
    data = xlsx(
        ["关于做好2024年招生工作的通知", "2024-03-05", "2024-03-08", "政策文件", ""],
        ["测试市教育局2024年部门预算", "2024-02-01", "2024-02-05", "CWXX", ""],
    )
    response = upload(client, staff, data)
    assert response.status_code == 302
    assert response.url == reverse("backoffice:catalog_import")
    assert InformationItem.objects.filter(state=ItemState.PUBLISHED, agency=staff.agency).count() == 2
    done = client.get(response.url).content.decode()
    assert "已从“旧目录.xlsx”为测试市教育局导入 2 条信息" in done
    assert reverse("backoffice:items") in done
    # The success notice is shown once: reloading neither repeats it nor imports again.
    assert "导入完成" not in client.get(response.url).content.decode()
    listing = client.get(reverse("backoffice:items")).content.decode()
    assert "关于做好2024年招生工作的通知" in listing


def test_bad_file_shows_the_error_table_and_imports_nothing(client, staff):
    client.force_login(staff.office)
    data = xlsx(
        ["好的一行", "2024-03-05", "2024-03-08", "政策文件", ""],
        ["坏的一行", "2024-03-05", "2024-13-08", "政策文件", ""],
        ["又一坏行", "2024-03-05", "2024-03-08", "不存在的栏目", ""],
    )
    response = upload(client, staff, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "发现 2 处问题（共 3 行数据），未导入任何信息。" in html
    assert '<th scope="col" class="narrow">行号</th><th scope="col">列</th><th scope="col">问题</th>' in html
    assert "<caption>问题清单（按行号排列）</caption>" in html
    assert '<td class="narrow">第3行</td><td>发布日期</td><td>日期“2024-13-08”不存在。</td>' in html
    assert '<td class="narrow">第4行</td><td>公开目录</td><td>本机构没有公开目录栏目“不存在的栏目”。</td>' in html
    assert not InformationItem.objects.exists()
    assert not AuditEvent.objects.filter(action="catalog.import").exists()


def test_dry_run_checks_without_importing(client, staff):
    client.force_login(staff.office)
    response = upload(client, staff, xlsx(["一", "2024-03-05", "2024-03-08", "政策文件", ""]), dry_run="on")
    assert "检查通过：共 1 行，未发现问题。" in response.content.decode()
    assert not InformationItem.objects.exists()


def test_csv_upload_and_unreadable_file(client, staff):
    client.force_login(staff.office)
    csv_data = "标题,成文日期,发布日期,公开目录\n关于A的通知,2024/3/5,2024/3/8,政策文件\n".encode("gb18030")
    assert upload(client, staff, csv_data, name="目录.csv").status_code == 302
    assert InformationItem.objects.count() == 1
    html = upload(client, staff, b"\x89PNG\r\n\x1a\n\x00\x00", name="图.png").content.decode()
    assert "整个文件" in html
    assert "不是 XLSX 或 CSV 表格" in html


def test_template_download_is_an_xlsx_whose_header_the_reader_accepts(client, staff):
    client.force_login(staff.office)
    response = client.get(reverse("backoffice:catalog_import_template"), {"agency": staff.agency.pk})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert "attachment" in response["Content-Disposition"]
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    catalog = [tuple(r) for r in workbook["公开目录"].iter_rows(min_row=2, values_only=True)]
    assert ("ZCWJ", "法定主动公开内容/政策文件") in catalog
    sheet = read_catalog("模板.xlsx", response.content)
    assert sheet.warnings == ()
    assert [p.message for p in sheet.problems] == ["这是模板中的示例行，请删除后再导入。"]
    # The example row, once its mark is removed, imports as it stands.
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    first = workbook.worksheets[0]
    first["A2"] = first["A2"].value.removeprefix("【示例】")
    out = io.BytesIO()
    workbook.save(out)
    assert upload(client, staff, out.getvalue()).status_code == 302
    assert InformationItem.objects.get().report_kind == "normative"


def test_officer_and_outsiders_get_403(client, staff):
    client.force_login(staff.officer)
    assert client.get(reverse("backoffice:catalog_import")).status_code == 403
    assert client.get(reverse("backoffice:catalog_import_template")).status_code == 403
    assert upload(client, staff, xlsx(["一", "2024-03-05", "2024-03-08", "政策文件", ""])).status_code == 403
    assert not InformationItem.objects.exists()
    client.force_login(UserFactory())
    assert client.get(reverse("backoffice:catalog_import")).status_code == 403


def test_an_agency_outside_ones_reach_is_refused(client, staff, tree):
    client.force_login(staff.office)
    response = client.post(
        reverse("backoffice:catalog_import"),
        {
            "agency": tree["west"].pk,
            "file": SimpleUploadedFile("a.xlsx", xlsx(["一", "2024-03-05", "2024-03-08", "政策文件", ""])),
        },
    )
    assert response.status_code == 200
    assert "选择一个有效的选项" in response.content.decode()
    assert client.get(reverse("backoffice:catalog_import_template"), {"agency": tree["west"].pk}).status_code == 404
    assert not InformationItem.objects.exists()
