"""The demo's annual reports: last year's reports of the bureau and both districts written, reviewed
(one returned first) and published on time without a finding, downloadable in every format; the
bureau's year before entered by hand from its paper register; loaded once."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from gongkai.demo import loader
from gongkai.reports.models import AnnualReport, ReportReview
from gongkai.reports.render import FORMATS, render
from gongkai.reports.services.generation import hand_edited

pytestmark = pytest.mark.django_db

TODAY = dt.date(timezone.localdate().year, 6, 15)  # mid-year: last year's reports are all published by now


def test_demo_reports_published_valid_and_downloadable():
    """One load of the demo (the loader's idempotency is tested with the whole region in test_loader)."""
    with time_machine.travel(dt.datetime.combine(TODAY, dt.time(2), tzinfo=dt.UTC), tick=False):
        loader.load_demo()
    reports = AnnualReport.objects.select_related("agency")
    year = TODAY.year - 1
    published = reports.filter(year=year)
    assert sorted(r.agency.short_name for r in published) == ["东城区教育局", "市教育局", "西湖区教育局"]
    for report in published:
        assert report.state == "published"
        assert report.published_on <= dt.date(year + 1, 1, 31)
        assert report.findings == [], report.findings
        assert report.data["sections"]["五"]["text"]
        assert "信息处理费" in report.data["sections"]["六"]["text"]
    bureau = published.get(agency__short_name="市教育局")
    assert bureau.data["applications"]["new"][6] > 50
    assert bureau.data["review_litigation"]["review"][4] >= 1
    assert bureau.data["proactive"]["licensing_decisions"] == 126
    rounds = ReportReview.objects.filter(report__agency__short_name="东城区教育局", report__year=year)
    assert list(rounds.order_by("round").values_list("decision", flat=True)) == ["returned", "accepted"]

    # the year before the platform: table 三 typed in from the paper register, with the reason
    before = reports.get(agency__short_name="市教育局", year=year - 1)
    assert before.state == "published"
    assert before.data["applications"]["new"][6] == 31
    assert len(hand_edited(before)) > 10
    assert before.findings == []

    for fmt in FORMATS:
        assert render(bureau.data, fmt).content
