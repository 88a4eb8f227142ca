"""Give an agency what proactive disclosure needs: settings, the default catalog and workflow."""

from typing import Any

from django.db import transaction

from gongkai.agencies.models import Agency, AgencyKind
from gongkai.audit.services import instance_save
from gongkai.publications.defaults import DEFAULT_WORKFLOW, EDUCATION_BUREAU_CATALOG, SCHOOL_CATALOG, NodeSpec
from gongkai.publications.models import CatalogNode, DisclosureSettings, WorkflowTask


def _install_nodes(acting_user: Any, agency: Agency, specs: tuple[NodeSpec, ...], parent: CatalogNode | None) -> None:
    for order, spec in enumerate(specs):
        node = CatalogNode.objects.filter(agency=agency, parent=parent, name=spec.name).first()
        if node is None:
            node = CatalogNode(
                agency=agency,
                parent=parent,
                name=spec.name,
                code=spec.code,
                description=spec.description,
                sort_order=order,
            )
            instance_save(acting_user=acting_user, instance=node)
        _install_nodes(acting_user, agency, spec.children, node)


@transaction.atomic
def disclosure_setup(*, acting_user: Any, agency: Agency) -> DisclosureSettings:
    """Idempotent: creates what is missing, never changes what the agency has adapted."""
    settings = DisclosureSettings.objects.filter(agency=agency).first()
    if settings is None:
        settings = DisclosureSettings(agency=agency)
        instance_save(acting_user=acting_user, instance=settings)
    if not CatalogNode.objects.filter(agency=agency).exists():
        catalog = SCHOOL_CATALOG if agency.kind == AgencyKind.INSTITUTION else EDUCATION_BUREAU_CATALOG
        _install_nodes(acting_user, agency, catalog, None)
    if not WorkflowTask.objects.filter(agency=agency).exists():
        for order, task in enumerate(DEFAULT_WORKFLOW, start=1):
            instance_save(
                acting_user=acting_user,
                instance=WorkflowTask(agency=agency, order=order, name=task.name, role=task.role),
            )
    return settings
