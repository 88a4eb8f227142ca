"""Automatic pre-publication screening of an item's body and attachments (Art. 17 保密审查 support)."""

from gongkai.publications.models import DisclosureSettings, InformationItem, ScreeningFinding, ScreeningRun
from gongkai.publications.sanitize import plain_text
from gongkai.screening import ExtractedText, screen_text


def item_screen(*, item: InformationItem, trigger: str) -> ScreeningRun:
    """Screen title, summary, body and every attachment; store the findings (masked) as a new run.

    Runs inside the caller's transaction (submission or approval); the latest run is the one that counts.
    """
    settings = DisclosureSettings.objects.filter(agency=item.agency).first()
    terms = settings.sensitive_term_list() if settings else []
    run = ScreeningRun.objects.create(item=item, trigger=trigger)
    findings: list[ScreeningFinding] = []
    for place, text in (("标题", item.title), ("内容概述", item.summary), ("正文", plain_text(item.body))):
        findings.extend(
            ScreeningFinding(run=run, kind=f.kind.value, masked=f.masked[:200], context=f.context[:300], place=place)
            for f in screen_text(text, sensitive_terms=terms)
        )
    for attachment in item.attachments.all():
        parts = ExtractedText(
            text=attachment.text, parts=tuple((str(label), int(offset)) for label, offset in attachment.text_parts)
        )
        findings.extend(
            ScreeningFinding(
                run=run,
                kind=finding.kind.value,
                masked=finding.masked[:200],
                context=finding.context[:300],
                place=f"附件“{attachment.original_name}”{parts.place_of(finding.start)}"[:200],
                attachment=attachment,
            )
            for finding in screen_text(attachment.text, sensitive_terms=terms)
        )
    ScreeningFinding.objects.bulk_create(findings)
    return run


def latest_findings(item: InformationItem) -> list[ScreeningFinding]:
    run = item.screening_runs.order_by("-ran_at", "-id").first()
    return list(run.findings.select_related("attachment")) if run else []


def unresolved_findings(item: InformationItem) -> list[ScreeningFinding]:
    return [f for f in latest_findings(item) if f.overridden_at is None]
