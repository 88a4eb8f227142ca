"""Give an agency what enquiries need: settings, the default sources and categories."""

from typing import Any

from django.db import transaction

from gongkai.agencies.models import Agency
from gongkai.audit.services import instance_save
from gongkai.consultations.models import Category, ConsultationSettings, Source
from gongkai.consultations.sources import DEFAULT_CATEGORIES, DEFAULT_SOURCES


@transaction.atomic
def consultation_setup(*, acting_user: Any, agency: Agency) -> ConsultationSettings:
    """Idempotent: creates what is missing, never changes what the agency has adapted.

    A default source is found by its code (so a renamed one is not created again) or, failing that, by
    its name; categories are created only for an agency that has none.
    """
    settings = ConsultationSettings.objects.filter(agency=agency).first()
    if settings is None:
        settings = ConsultationSettings(agency=agency)
        instance_save(acting_user=acting_user, instance=settings)
    existing = Source.objects.filter(agency=agency)
    codes = set(existing.values_list("code", flat=True))
    names = set(existing.values_list("name", flat=True))
    for order, spec in enumerate(DEFAULT_SOURCES, start=1):
        if spec.code in codes or spec.name in names:
            continue
        source = Source(
            agency=agency,
            code=spec.code,
            name=spec.name,
            kind=spec.kind.value,
            deadline_workdays=spec.deadline_workdays,
            assigner_name=spec.assigner,
            sort_order=order * 10,
        )
        instance_save(acting_user=acting_user, instance=source)
    if not Category.objects.filter(agency=agency).exists():
        for order, name in enumerate(DEFAULT_CATEGORIES, start=1):
            instance_save(acting_user=acting_user, instance=Category(agency=agency, name=name, sort_order=order * 10))
    return settings
