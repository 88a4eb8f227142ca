"""``gongkai import_catalog --agency <id or 统一社会信用代码> --user <username> [--dry-run] FILE``."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from gongkai.agencies.models import Agency
from gongkai.publications.services.catalog_import import CatalogImportResult, catalog_import

CREDIT_CODE_LENGTH = 18


def _agency(value: str) -> Agency:
    value = value.strip()
    agency = None
    if len(value) == CREDIT_CODE_LENGTH:
        agency = Agency.objects.filter(credit_code=value.upper()).first()
    if agency is None and value.isdigit():
        agency = Agency.objects.filter(pk=int(value)).first()
    if agency is None:
        raise CommandError(f"未找到机构“{value}”（请填写机构编号或统一社会信用代码）。")
    return agency


def _user(username: str):
    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None:
        raise CommandError(f"未找到启用的用户“{username}”。")
    return user


class Command(BaseCommand):
    help = "从 XLSX 或 CSV 表格批量导入机构已发布的政府信息目录；任何一行有问题则不导入任何信息。"

    def add_arguments(self, parser):
        parser.add_argument("file", help="XLSX 或 CSV 文件")
        parser.add_argument("--agency", required=True, help="机构编号或统一社会信用代码")
        parser.add_argument("--user", required=True, help="执行导入的用户名（须为该机构公开办人员）")
        parser.add_argument("--dry-run", action="store_true", help="只检查，不导入")

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"无法读取文件“{path}”：{exc.strerror}") from exc
        agency, user = _agency(options["agency"]), _user(options["user"])
        try:
            result = catalog_import(
                acting_user=user, agency=agency, filename=path.name, data=data, dry_run=options["dry_run"]
            )
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from exc
        self._report(result)

    def _report(self, result: CatalogImportResult) -> None:
        for warning in result.warnings:
            self.stdout.write(self.style.WARNING(f"提示：{warning}"))
        for problem in result.errors:
            self.stdout.write(str(problem))
        if result.errors:
            raise CommandError(f"共{len(result.errors)}处问题，未导入任何信息。")
        if result.dry_run:
            self.stdout.write(self.style.SUCCESS(f"检查通过：共{result.rows}行，未发现问题（未导入）。"))
        else:
            repealed = f"（其中已废止{result.repealed}条）" if result.repealed else ""
            self.stdout.write(self.style.SUCCESS(f"已导入{result.imported}条信息{repealed}。"))
