"""Publishing a new version of the disclosure guide (公开指南, Art. 12); reads live in ``publications.guide``."""

from typing import Any

from django.db import transaction

from gongkai.agencies.models import Agency
from gongkai.agencies.roles import Action
from gongkai.audit.services import audit_record
from gongkai.publications.access import require
from gongkai.publications.guide import guide_digest, guide_render
from gongkai.publications.models import DisclosureGuide


def guide_publish(*, acting_user: Any, agency: Agency) -> DisclosureGuide:
    """Publish a new version when the generated text changed; otherwise return the current one."""
    if acting_user is not None:
        require(acting_user, Action.MANAGE_CATALOG, agency)
    content = guide_render(agency)
    digest = guide_digest(content)
    with transaction.atomic():
        latest = DisclosureGuide.objects.select_for_update().filter(agency=agency).order_by("-version").first()
        if latest is not None and latest.content_sha256 == digest:
            return latest
        guide = DisclosureGuide.objects.create(
            agency=agency,
            version=(latest.version + 1) if latest else 1,
            content=content,
            content_sha256=digest,
            published_by=acting_user if getattr(acting_user, "pk", None) else None,
        )
        audit_record(
            acting_user=acting_user,
            action="guide.publish",
            target=guide,
            agency=agency,
            summary=f"发布政府信息公开指南第{guide.version}版",
            after={"version": guide.version, "sha256": digest},
        )
    return guide
