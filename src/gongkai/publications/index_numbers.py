"""Index numbers (索引号, Art. 12): a per-agency template; the default is {credit_code}/{year}-{serial:05d}.

There is no national format. The template may use the placeholders below; the serial restarts each
year and is allocated by the Django layer under a row lock so concurrent publications never collide.
Pure Python.
"""

import string
from dataclasses import dataclass

DEFAULT_TEMPLATE = "{credit_code}/{year}-{serial:05d}"
PLACEHOLDERS = frozenset({"credit_code", "year", "serial", "catalog_code"})


class TemplateError(ValueError):
    pass


@dataclass(frozen=True)
class IndexNumberParts:
    credit_code: str
    year: int
    serial: int
    catalog_code: str = ""


def validate_template(template: str) -> None:
    """Refuse templates that cannot give unique numbers or use unknown placeholders."""
    try:
        fields = [name for _, name, _, _ in string.Formatter().parse(template) if name is not None]
    except ValueError as exc:
        raise TemplateError(f"索引号模板格式错误：{exc}") from exc
    unknown = sorted(set(fields) - PLACEHOLDERS)
    if unknown:
        raise TemplateError(f"索引号模板含未知字段：{'、'.join(unknown)}；可用字段为 {sorted(PLACEHOLDERS)}")
    if "serial" not in fields or "year" not in fields:
        raise TemplateError("索引号模板必须包含 {year} 和 {serial}，否则无法保证每年唯一。")
    try:
        format_index_number(template, IndexNumberParts("X" * 18, 2026, 1, "A"))
    except (ValueError, KeyError, IndexError) as exc:
        raise TemplateError(f"索引号模板格式错误：{exc}") from exc


def format_index_number(template: str, parts: IndexNumberParts) -> str:
    return template.format(
        credit_code=parts.credit_code, year=parts.year, serial=parts.serial, catalog_code=parts.catalog_code
    )
