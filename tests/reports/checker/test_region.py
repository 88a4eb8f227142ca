"""A region's reports held against its agencies: exact names, names printed shorter or longer, another
year, an agency outside the region, and two agencies that fit equally well (left unmatched)."""

from gongkai.reports.checker.region import match_region

REGION = ["某市东区教育局", "某市西区教育局", "某市东区教育局机关服务中心"]


def doc(agency: str | None, year: int = 2025) -> dict:
    return {"agency": agency, "year": year}


def test_a_report_goes_to_the_agency_of_its_name():
    match = match_region(REGION, [doc("某市西区教育局"), doc("某 市 东区教育局")], 2025)
    assert [row.reports for row in match.rows] == [[1], [0], []]
    assert match.missing == ["某市东区教育局机关服务中心"]


def test_a_longer_printed_name_goes_to_the_longest_agency_inside_it():
    match = match_region(REGION, [doc("某市东区教育局机关服务中心办公室")], None)
    assert [row.reports for row in match.rows] == [[], [], [0]]


def test_a_shorter_printed_name_that_fits_two_agencies_is_not_guessed():
    match = match_region(REGION, [doc("东区教育局")], 2025)
    assert match.unmatched == [0]


def test_another_year_and_another_region_are_kept_apart():
    match = match_region(REGION, [doc("某市西区教育局", 2024), doc("某县教育局"), doc(None)], 2025)
    assert match.other_year == [0]
    assert match.unmatched == [1, 2]
    assert match.missing == REGION
