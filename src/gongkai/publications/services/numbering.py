"""Index number allocation: the agency's template, a yearly serial taken under a row lock."""

from django.db import IntegrityError, transaction

from gongkai.agencies.models import Agency
from gongkai.publications.index_numbers import IndexNumberParts, format_index_number
from gongkai.publications.models import DisclosureSettings, IndexSerial


def _next_serial(agency: Agency, year: int) -> int:
    for _ in range(2):
        try:
            with transaction.atomic():
                serial, _created = IndexSerial.objects.select_for_update().get_or_create(agency=agency, year=year)
                serial.last_serial += 1
                serial.save(update_fields=["last_serial"])
                return serial.last_serial
        except IntegrityError:  # two first numbers of a year raced to create the row: retry once
            continue
    raise IntegrityError("索引号流水号分配失败，请重试")


def index_number_allocate(*, agency: Agency, year: int, catalog_code: str = "") -> str:
    """The next index number of ``agency`` for ``year``. Must run inside the publishing transaction."""
    settings = DisclosureSettings.objects.filter(agency=agency).first()
    template = settings.index_template if settings else DisclosureSettings._meta.get_field("index_template").default  # noqa: SLF001
    serial = _next_serial(agency, year)
    return format_index_number(
        template, IndexNumberParts(credit_code=agency.credit_code, year=year, serial=serial, catalog_code=catalog_code)
    )
