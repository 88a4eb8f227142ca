"""``gongkai check-report``: read published annual reports (text, HTML, DOCX, PDF; folders and ZIP archives
of them), extract every figure, and check them.

    gongkai check-report FILE... [--json] [--previous FILE] [--csv FILE]

One report: its figures and findings. Several files or a folder: one summary table (agency, year,
format, errors, warnings) and a CSV (``--csv``, by default ``check-report.csv`` in the current folder).
``--json`` prints every report in the report data shape (docs/report-json.md) instead.
"""

import json
import unicodedata
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongkai.reports.checker.batch import check_files, files_in, summary, summary_csv
from gongkai.reports.checker.parse import check_bytes
from gongkai.reports.document import ordered

DEFAULT_CSV = "check-report.csv"


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in {"W", "F"} else 1 for ch in text)


def pad(text: str, size: int) -> str:
    return text + " " * max(0, size - width(text))


class Command(BaseCommand):
    help = "读取并检查已发布的政府信息公开工作年度报告（文本、HTML、DOCX、PDF，文件夹或ZIP压缩包）。"

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", help="报告文件或文件夹")
        parser.add_argument("--json", action="store_true", help="以JSON输出全部报告的数据和检查结果")
        parser.add_argument("--previous", help="上一年度的报告（用于上年结转、现行有效件数和内容雷同的比对）")
        parser.add_argument("--csv", help=f"汇总表CSV文件（检查多个文件时默认为 {DEFAULT_CSV}）")

    def handle(self, *args, **options):
        paths = [Path(p) for p in options["files"]]
        missing = [str(p) for p in paths if not p.exists()]
        if missing:
            raise CommandError(f"找不到文件：{'、'.join(missing)}")
        previous = []
        if options["previous"]:
            path = Path(options["previous"])
            if not path.is_file():
                raise CommandError(f"找不到上一年度的报告：{path}")
            previous = check_bytes(path.read_bytes(), str(path))
        docs = check_files(files_in(paths), previous=previous)
        if options["json"]:
            self.stdout.write(json.dumps([ordered(d) for d in docs], ensure_ascii=False, indent=2))
            return
        rows = summary(docs)
        many = len(paths) > 1 or any(p.is_dir() for p in paths) or len(rows) > 1
        self._table(rows)
        if len(docs) == 1:
            self._details(docs[0])
        target = options["csv"] or (DEFAULT_CSV if many else None)
        if target:
            Path(target).write_text(summary_csv(rows), encoding="utf-8")
            self.stderr.write(f"汇总表已写入 {target}")

    def _table(self, rows):
        headers = ("文件", "机构", "年度", "格式", "错误", "提示")
        table = [headers] + [
            (f"{Path(r.file).name}#{r.report}", r.agency, r.year, r.format, str(r.errors), str(r.warnings))
            for r in rows
        ]
        sizes = [max(width(line[i]) for line in table) for i in range(len(headers))]
        for line in table:
            self.stdout.write("  ".join(pad(cell, sizes[i]) for i, cell in enumerate(line)).rstrip())

    def _details(self, doc):
        prose = {k: v for k, v in (doc.get("prose_numbers") or {}).items() if v is not None}
        if prose:
            self.stdout.write("正文所述数字：" + "，".join(f"{k}={v}" for k, v in prose.items()))
        for f in doc.get("findings") or []:
            kind = "错误" if f["severity"] == "error" else "提示"
            self.stdout.write(f"[{f['rule']}] {kind}：{f['message']}")
