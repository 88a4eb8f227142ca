"""The disclosure guide (公开指南, Art. 12) generated from the agency's own data, and its versions.

A stale guide is itself a violation (Art. 53), so the back office compares the latest published version
with what the data would generate now and asks for an update when they differ. Writes are in
``services.guide``.
"""

import hashlib

from django.template.loader import render_to_string

from gongkai.agencies.models import Agency
from gongkai.publications.models import DisclosureGuide, DisclosureSettings
from gongkai.publications.selectors import catalog_tree


def _template_description(template: str) -> str:
    return (
        template.replace("{credit_code}", "本机关统一社会信用代码")
        .replace("{year}", "年份")
        .replace("{catalog_code}", "目录代码")
        .replace("{serial:05d}", "五位年度流水号")
        .replace("{serial}", "年度流水号")
    )


def guide_render(agency: Agency) -> str:
    settings = DisclosureSettings.objects.filter(agency=agency).first() or DisclosureSettings(agency=agency)
    return render_to_string(
        "publications/guide.html",
        {
            "agency": agency,
            "settings": settings,
            "tree": catalog_tree(agency, counts=False),
            "rooms": agency.reading_rooms.all(),
            "template_description": _template_description(settings.index_template),
        },
    )


def guide_latest(agency: Agency) -> DisclosureGuide | None:
    return DisclosureGuide.objects.filter(agency=agency).order_by("-version").first()


def guide_digest(content: str) -> str:
    return hashlib.sha256(content.encode()).hexdigest()


def guide_is_stale(agency: Agency) -> bool:
    """True when there is no published guide or the agency's data would now generate a different one."""
    latest = guide_latest(agency)
    return latest is None or latest.content_sha256 != guide_digest(guide_render(agency))
