"""``gongkai report``: an agency's annual report (or every agency's, as JSON) from the command line.

    gongkai report --agency <统一社会信用代码或名称> --year 2025 --format json|docx|pdf|xlsx|html [-o FILE]
    gongkai report --all --year 2025 --format json

The report is the one saved on the platform (as written and edited by staff), or computed from the
records when the agency has none for the year yet (``--from-records`` always computes). Findings of the
checks are in the JSON (``findings``).
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.reports.document import ordered
from gongkai.reports.render import FORMATS, render
from gongkai.reports.selectors import year_reports
from gongkai.rules.outcomes import FIRST_REPORT_YEAR

TEXT_FORMATS = ("json", "html")


def find_agency(text: str) -> Agency:
    """By 统一社会信用代码, then full name, then short name, then a unique part of the name."""
    text = text.strip()
    for condition in (Q(credit_code=text.upper()), Q(name=text), Q(short_name=text)):
        found = list(Agency.objects.filter(condition)[:2])
        if len(found) == 1:
            return found[0]
    candidates = list(Agency.objects.filter(name__contains=text).order_by("path")[:6])
    if len(candidates) == 1:
        return candidates[0]
    if candidates:
        names = "、".join(a.name for a in candidates[:5])
        raise CommandError(f"“{text}”对应多个机构：{names}……请写全称或统一社会信用代码。")
    raise CommandError(f"没有找到机构“{text}”（可用统一社会信用代码、全称或简称）。")


class Command(BaseCommand):
    help = "输出机构的政府信息公开工作年度报告（JSON、DOCX、PDF、XLSX 或 HTML），或以 JSON 输出全部机构的报告。"

    def add_arguments(self, parser):
        target = parser.add_mutually_exclusive_group(required=True)
        target.add_argument("--agency", help="统一社会信用代码、机构全称或简称")
        target.add_argument("--all", action="store_true", help="全部机构（只能输出 JSON 列表）")
        parser.add_argument("--year", type=int, help="报告年度（默认为上一年）")
        parser.add_argument("--format", choices=FORMATS, default="json", help="输出格式（默认 json）")
        parser.add_argument("-o", "--output", help="写入文件（默认写到标准输出）")
        parser.add_argument(
            "--from-records", action="store_true", help="一律按平台记录重新计算，不用已保存（已编辑）的报告"
        )

    def handle(self, *args, **options):
        year = options["year"] or timezone.localdate().year - 1
        if year < FIRST_REPORT_YEAR or year > timezone.localdate().year:
            raise CommandError(f"报告年度应在{FIRST_REPORT_YEAR}年至今年之间，收到：{year}")
        fmt = options["format"]
        if options["all"]:
            if fmt != "json":
                raise CommandError("--all 只能输出 JSON（--format json）。")
            agencies = list(Agency.objects.filter(is_active=True).order_by("path"))
            reports = year_reports(agencies, year, from_records=options["from_records"])
            content = (json.dumps([ordered(r.doc) for r in reports], ensure_ascii=False, indent=2) + "\n").encode()
        else:
            agency = find_agency(options["agency"])
            (report,) = year_reports([agency], year, from_records=options["from_records"])
            content = render(report.doc, fmt).content
        self._write(content, options["output"], binary=fmt not in TEXT_FORMATS)

    def _write(self, content: bytes, output: str | None, *, binary: bool) -> None:
        if output:
            path = Path(output)
            try:
                path.write_bytes(content)
            except OSError as exc:
                raise CommandError(f"无法写入文件 {path}：{exc}") from exc
            self.stderr.write(f"已写入 {path}（{len(content)} 字节）")
            return
        if not binary:
            self.stdout.write(content.decode(), ending="")
            return
        stream = self.stdout._out  # noqa: SLF001 (OutputWrapper keeps the real stream; binary needs its buffer)
        buffer = getattr(stream, "buffer", None)
        if buffer is None or stream.isatty():
            raise CommandError("DOCX、PDF、XLSX 是二进制文件，请用 -o 指定输出文件。")
        stream.flush()
        buffer.write(content)
        buffer.flush()
