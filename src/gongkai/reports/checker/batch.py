"""Checking many files at once — a folder, several uploads, a ZIP archive of a region's reports — and the
summary a supervising office reads: one row per report (file, agency, year, format, errors, warnings,
the first problems), as a table or as CSV.

Pure Python: no Django import.
"""

import csv
import io
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from gongkai.reports.checker.parse import check_bytes
from gongkai.reports.document import ReportDoc

READABLE = frozenset({".txt", ".text", ".htm", ".html", ".shtml", ".xhtml", ".docx", ".pdf"})
MAX_ARCHIVE_FILES = 1000
MAX_ARCHIVE_BYTES = 200 * 1024 * 1024  # uncompressed, in all
MAX_FILE_BYTES = 30 * 1024 * 1024


class InputError(ValueError):
    """An input that is refused as a whole (the message is Chinese)."""


def _zip_name(info: zipfile.ZipInfo) -> str:
    if info.flag_bits & 0x800:  # UTF-8 names
        return info.filename
    try:  # Chinese Windows archives name files in GBK
        return info.filename.encode("cp437").decode("gb18030")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def expand(name: str, data: bytes) -> Iterator[tuple[str, bytes]]:
    """The file itself, or the readable files of a ZIP archive (not a DOCX, which is a ZIP too)."""
    if data.startswith(b"PK") and Path(name).suffix.lower() == ".zip":
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
        except zipfile.BadZipFile as exc:
            raise InputError(f"{name}不是有效的ZIP压缩包。") from exc
        entries = [i for i in archive.infolist() if not i.is_dir() and Path(_zip_name(i)).suffix.lower() in READABLE]
        if len(entries) > MAX_ARCHIVE_FILES:
            raise InputError(f"{name}中的文件超过{MAX_ARCHIVE_FILES}个，请分批检查。")
        if sum(i.file_size for i in entries) > MAX_ARCHIVE_BYTES:
            raise InputError(f"{name}解压后超过{MAX_ARCHIVE_BYTES // 1024 // 1024}MB，请分批检查。")
        for info in sorted(entries, key=_zip_name):
            if info.file_size <= MAX_FILE_BYTES:
                yield f"{name}/{_zip_name(info)}", archive.read(info)
        return
    yield name, data


def unreadable(name: str, message: str) -> ReportDoc:
    """A file refused as a whole, as a report with the one finding that says why."""
    doc = check_bytes(b"", name)[0]
    doc["findings"] = [{"rule": "unreadable", "severity": "error", "message": message, "where": name}]
    return doc


def check_files(files: Iterable[tuple[str, bytes]], *, previous: Sequence[ReportDoc] = ()) -> list[ReportDoc]:
    """Every report of every file (ZIP archives opened), checked; a file that cannot be opened is
    reported, and the others are still checked."""
    found: list[ReportDoc] = []
    for name, data in files:
        try:
            for inner, content in expand(name, data):
                found.extend(check_bytes(content, inner, previous=previous))
        except InputError as exc:
            found.append(unreadable(name, str(exc)))
    return found


def files_in(paths: Iterable[Path]) -> Iterator[tuple[str, bytes]]:
    """The files named, and the readable files (and ZIP archives) under the folders named."""
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in READABLE | {".zip"}:
                    yield str(child), child.read_bytes()
        else:
            yield str(path), path.read_bytes()


@dataclass(frozen=True)
class Row:
    file: str
    report: int
    agency: str
    year: str
    format: str
    published: str
    errors: int
    warnings: int
    problems: str


FORMAT_LABELS = {"2021": "2021年格式", "2019": "2019年试行格式", "prose": "文字报告（无统一表格）"}


def summary(docs: Iterable[ReportDoc]) -> list[Row]:
    rows = []
    for doc in docs:
        findings = doc.get("findings") or []
        errors = [f for f in findings if f.get("severity") == "error"]
        source = doc.get("source") or {}
        firsts = (errors or findings)[:3]
        rows.append(
            Row(
                file=str(source.get("file", "")),
                report=int(source.get("report", 1)),
                agency=doc.get("agency") or "（未识别）",
                year=str(doc.get("year") or "（未识别）"),
                format=FORMAT_LABELS.get(str(doc.get("format")), str(doc.get("format"))),
                published=doc.get("published_date") or "",
                errors=len(errors),
                warnings=len(findings) - len(errors),
                problems="；".join(f"[{f['rule']}] {f['message']}" for f in firsts),
            )
        )
    return rows


HEADERS = ("文件", "序号", "机构", "年度", "格式", "发布日期", "错误", "提示", "主要问题")


def summary_csv(rows: Iterable[Row]) -> str:
    """UTF-8 with a byte-order mark, so that Excel opens the Chinese correctly."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADERS)
    for r in rows:
        writer.writerow((r.file, r.report, r.agency, r.year, r.format, r.published, r.errors, r.warnings, r.problems))
    return "\ufeff" + out.getvalue()
