"""Demo applications for disclosure (依申请公开): from 1 January of last year to today at every demo
agency with a disclosure office, so the back-office queues and the annual report have real content.

Everything goes through the services staff use (``inforequests.services``), with past dates: the
services refuse only future dates, and the clock ledger is written in date order per application, so
every ledger is one the pure clock accepts. An application's history is scripted first (what happens
and in which order) and played with the dates the clock allows; whatever would happen after ``today``
is left undone, so recent applications are naturally open in every state.

At the city bureau each year holds every outcome staff can choose, withdrawal and both kinds of deemed
abandonment, corrections, consultations (Arts. 32 and 34), extensions, fees on both bases (with an
applicant filing a dozen requests in one month), late and on-the-spot replies, and last December's
carry-over into January. The districts get a smaller, similar mix.

Past extensions are requested (``extension_request(on=…)``) and approved (``extension_decide``) on
their own days; past breaches are recorded with the daily job's ``breach_record`` on the day after
the due date, as the job would have recorded them.
"""

import contextlib
import datetime as dt
import random
from dataclasses import dataclass, field, replace
from zoneinfo import ZoneInfo

from django.utils import timezone
from stdnum.cn import ric, uscc

from gongkai.accounts.models import User
from gongkai.agencies.models import Agency, Department
from gongkai.agencies.roles import Role
from gongkai.demo import application_data as data
from gongkai.demo.application_data import Request
from gongkai.demo.data import REGION_CODE, STAFF
from gongkai.inforequests.models import Application
from gongkai.inforequests.services.closing import application_abandon, application_transfer, application_withdraw
from gongkai.inforequests.services.consultations import consultation_answer, consultation_send
from gongkai.inforequests.services.corrections import correction_receive, correction_request
from gongkai.inforequests.services.deadlines import breach_record
from gongkai.inforequests.services.decisions import application_decide, application_deliver, staff_outcomes
from gongkai.inforequests.services.extensions import extension_decide, extension_request
from gongkai.inforequests.services.fees import fee_notice_received, fee_notice_send, fee_payment_record
from gongkai.inforequests.services.handling import application_assign, comment_add
from gongkai.inforequests.services.intake import application_confirm, application_register, application_submit_online
from gongkai.inforequests.services.ledger import clock_state
from gongkai.workcalendar.selectors import work_calendar

SHANGHAI = ZoneInfo("Asia/Shanghai")
TRANSFER = "transfer"  # not an outcome code: handled by ``application_transfer`` (outcome 不属于本机关)


@dataclass(frozen=True)
class Profile:
    """How many applications an agency receives in a year and the area its requests are about."""

    per_year: int
    area: str
    city: bool = False


PROFILES = {
    "bureau": Profile(95, "本市", city=True),
    "dongcheng": Profile(28, "东城区"),
    "xihu": Profile(18, "西湖区"),
}
DEFAULT_PROFILE = Profile(6, "本市")
MONTH_WEIGHTS = (6, 5, 10, 13, 15, 16, 14, 9, 11, 6, 8, 7)  # enrolment season March–July is busiest
CHANNEL_WEIGHTS = {
    "online": 40,
    "in_person": 14,
    "registered_post": 12,
    "ordinary_post": 6,
    "email": 14,
    "fax": 4,
    "oral": 4,
}
FILL_OUTCOMES = {
    "granted": 34,
    "granted_already_public": 16,
    "partially_granted": 8,
    "not_held": 12,
    "not_this_agency": 4,
    "needs_creation": 4,
    "refused_process_info": 3,
    "refused_internal_affairs": 1,
    "refused_third_party_rights": 1,
    "petition_complaint": 3,
    "publications": 1,
    "confirmation_request": 1,
    "other_handling": 1,
    "withdrawn": 4,
    "overdue_correction": 2,
}
ORGANISATION_SHARE = 0.2
NO_DELIVERY = {"withdrawn", "overdue_correction", "fee_not_paid"}


@dataclass
class Case:
    """The script of one application: what is asked, by whom, how, and what happens to it."""

    submitted: dt.date
    outcome: str  # an ``Outcome`` value, or ``TRANSFER``
    request: Request
    year: int
    school: str = ""
    applicant: dict | None = None
    channel: str = ""
    correction: bool = False
    consult: tuple[tuple[str, str], ...] = ()  # (party, opinion)
    extension: str = ""  # "" | "granted" | "pending" (requested today, awaiting the approver)
    fee: str = ""  # "" | "per_volume" | "per_application"
    pages: int | None = None
    late: bool = False
    on_the_spot: bool = False
    reply_offset: int | None = None  # reply this many working days after (>0) or before (<0) the due date
    reply_on: dt.date | None = None
    confirm: bool = True  # online: the office confirms receipt (False: still pending)
    confirm_delay: int | None = None
    fixed: bool = False  # channel and applicant are set by the script (coverage does not touch it)
    dated: bool = False  # the submission day is exact (not moved to a working day)
    order: int = 0


# --- applicants -------------------------------------------------------------------------------------


def resident_id(index: int) -> str:
    """A checksum-valid fictional resident ID (the tests' county code; invented birth date and sequence)."""
    birth = dt.date(1965 + (index * 7) % 35, 1 + index % 12, 1 + (index * 11) % 28)
    body = f"{data.RESIDENT_ID_AREA}{birth:%Y%m%d}{(index * 37 + 101) % 1000:03d}"
    return body + ric.calc_check_digit(body + "0")


def organisation_code(organisation: data.Organisation) -> str:
    """A checksum-valid, obviously fictional 统一社会信用代码 in the demo region."""
    body = f"{organisation.code_prefix}{REGION_CODE}{organisation.serial:09d}"
    return body + uscc.calc_check_digit(body)


def _address(index: int) -> str:
    district = ("", "东城区", "西湖区")[index % 3]
    streets = data.STREETS[district or "本市"]
    street = streets[index % len(streets)]
    return (
        f"示范市{district}{street}{10 + index * 3 % 190}号{1 + index % 9}栋{1 + index % 4}单元{101 + index % 6 * 100}室"
    )


def person(index: int) -> dict:
    surname, surname_py = data.SURNAMES[index % len(data.SURNAMES)]
    given, given_py = data.GIVEN_NAMES[(index * 7) % len(data.GIVEN_NAMES)]
    fields = {
        "applicant_type": "natural_person",
        "name": surname + given,
        "id_type": "resident_id",
        "id_number": resident_id(index),
        "phone": f"1390099{index:04d}",
        "email": "" if index % 7 == 3 else f"{given_py}.{surname_py}{index:02d}@example.com",  # noqa: PLR2004
        "address": _address(index),
        "postcode": data.POSTCODE,
    }
    if index == data.PERSON_COUNT - 2:
        fields |= {"name": "陈家明", "id_type": "hk_macao", "id_number": "H09901234"}
    elif index == data.PERSON_COUNT - 1:
        fields |= {"name": "Anna Berger", "id_type": "passport", "id_number": "C9901234X"}
    return fields


def organisation(org: data.Organisation) -> dict:
    return {
        "applicant_type": org.applicant_type,
        "name": org.name,
        "credit_code": organisation_code(org),
        "legal_representative": org.legal_representative,
        "contact_person": org.contact_person,
        "phone": f"0999-1235{org.serial % 10_000:04d}",
        "email": org.email,
        "address": org.address,
        "postcode": data.POSTCODE,
    }


PERSONS = [person(i) for i in range(data.PERSON_COUNT)]
ORGANISATIONS = [organisation(o) for o in data.ORGANISATIONS]
HEAVY = next(o for o in ORGANISATIONS if o["name"] == data.HEAVY_APPLICANT)


# --- scripts ----------------------------------------------------------------------------------------


class _Dates:
    """Working-day arithmetic on the official calendar (plus the admin's overrides)."""

    def __init__(self) -> None:
        self.calendar = work_calendar()

    def add(self, day: dt.date, n: int) -> dt.date:
        return self.calendar.add_workdays(day, n, warn=False)

    def between(self, a: dt.date, b: dt.date) -> int:
        return self.calendar.workdays_between(a, b, warn=False)

    def is_workday(self, day: dt.date) -> bool:
        return self.add(self.add(day, -1), 1) == day

    def first_workday(self, day: dt.date) -> dt.date:
        return day if self.is_workday(day) else self.add(day, 1)


def _seasonal_day(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    months = []
    cursor = dt.date(start.year, start.month, 1)
    while cursor <= end:
        months.append(cursor)
        cursor = dt.date(cursor.year + cursor.month // 12, cursor.month % 12 + 1, 1)
    month = rng.choices(months, weights=[MONTH_WEIGHTS[m.month - 1] for m in months])[0]
    first = max(start, month)
    last = min(end, dt.date(month.year + month.month // 12, month.month % 12 + 1, 1) - dt.timedelta(days=1))
    return first + dt.timedelta(days=rng.randrange((last - first).days + 1))


class _Planner:
    """The scripts of one agency for one year."""

    def __init__(self, rng: random.Random, dates: _Dates, profile: Profile, agency: Agency, today: dt.date) -> None:
        self.rng = rng
        self.dates = dates
        self.profile = profile
        self.agency = agency
        self.today = today
        self.cases: list[Case] = []

    # building blocks
    def request(self, outcome: str) -> Request:
        return self.rng.choice(data.OUTCOME_REQUESTS.get(outcome) or data.GENERAL_REQUESTS)

    def case(self, submitted: dt.date, outcome: str, request: Request | None = None, **extra) -> Case:
        case = Case(
            submitted=submitted,
            outcome=outcome,
            request=request or self.request(outcome),
            year=submitted.year,
            school=self.rng.choice(data.SCHOOLS[self.profile.area]),
            order=len(self.cases),
            **extra,
        )
        self.cases.append(case)
        return case

    def day(self, start: dt.date, end: dt.date) -> dt.date:
        return _seasonal_day(self.rng, start, end)

    # the year
    def year(self, year: int) -> list[Case]:
        start = dt.date(year, 1, 1)
        end = min(dt.date(year, 12, 31), self.today - dt.timedelta(days=1))
        if end < start:
            return []
        current = year == self.today.year
        # scripted cases must close within the year: last year by mid-October, this year 95 days ago
        closes_by = self.today - dt.timedelta(days=95) if current else dt.date(year, 10, 20)
        if closes_by > start + dt.timedelta(days=120):
            if self.profile.city:
                self._city_required(start, closes_by)
            else:
                self._district_required(start, closes_by)
        if not current:
            self._carry_over(year)
        if current:
            self._live()
        share = (end - start).days / 365 if current else 1
        target = round(self.profile.per_year * share)
        while len(self.cases) < target:
            self._fill(self.day(start, end))
        return self.cases

    def _city_required(self, start: dt.date, end: dt.date) -> None:
        special = {"excessive", "repeated"}
        for outcome in staff_outcomes():
            if outcome.value in special:
                continue
            extra: dict = {}
            if outcome.value == "unclear_after_correction":
                extra["correction"] = True
            elif outcome.value == "refused_third_party_rights":
                extra["consult"] = (("third_party", "objects"),)
            self.case(self.day(start, end), outcome.value, **extra)
        self.case(self.day(start, end), "withdrawn")
        self.case(self.day(start, end), "overdue_correction", correction=True)
        self.case(
            self.day(start, end), "fee_not_paid", data.FEE_VOLUME_REQUEST, fee="per_volume", pages=260, fixed=True
        )
        self.case(self.day(start, end), "granted", data.FEE_VOLUME_REQUEST, fee="per_volume", pages=150, fixed=True)
        self.case(self.day(start, end), "granted", data.CORRECTED_REQUEST, correction=True)
        self.case(self.day(start, end), "granted", data.CONSULTED_REQUEST, consult=(("third_party", "agrees"),))
        self.case(
            self.day(start, end), "partially_granted", data.CONSULTED_REQUEST, consult=(("third_party", "no_reply"),)
        )
        self.case(self.day(start, end), "granted", data.AGENCY_CONSULTED_REQUEST, consult=(("agency", "agrees"),))
        self.case(self.day(start, end), "granted", data.EXTENDED_REQUEST, extension="granted")
        self.case(self.day(start, end), "partially_granted", extension="granted")
        self.case(self.day(start, end), "granted", late=True)
        self.case(self.day(start, end), "not_held", late=True)
        for outcome in ("granted", "granted_already_public"):
            self.case(self.day(start, end), outcome, on_the_spot=True)
        # the same request again after the answer
        first = self.case(self.day(start, max(start, end - dt.timedelta(days=60))), "granted")
        again = self.case(first.submitted + dt.timedelta(days=55), "repeated", first.request, fixed=True)
        again.school, again.applicant, again.channel = first.school, self.applicant(), "online"
        first.applicant, first.channel, first.fixed = again.applicant, "online", True
        self._heavy_applicant(start, end)

    def _heavy_applicant(self, start: dt.date, end: dt.date) -> None:
        """A dozen requests from one company in one month: the 11th is charged 按件计收, the 12th refused."""
        month = 5 if start.year < self.today.year else 4
        day = self.dates.first_workday(dt.date(start.year, month, 8))
        if self.dates.add(day, 13) > end:
            return
        outcomes = ["granted", "granted_already_public", "granted", "not_held", "granted", "granted_already_public"]
        outcomes += ["granted", "granted", "needs_creation", "granted", "granted", "excessive"]
        for number, outcome in enumerate(outcomes, start=1):
            case = self.case(
                day,
                outcome,
                data.EXCESSIVE_REQUEST if outcome == "excessive" else data.HEAVY_REQUEST,
                applicant=HEAVY,
                channel="online",
                confirm_delay=0,
                fixed=True,
                dated=True,
                fee="per_application" if number == 11 else "",  # noqa: PLR2004
            )
            case.school = data.HEAVY_SCHOOLS[number - 1]
            day = self.dates.add(day, 1)

    def _district_required(self, start: dt.date, end: dt.date) -> None:
        for outcome in (
            "granted_already_public",
            "partially_granted",
            "not_held",
            "not_this_agency",
            "needs_creation",
            "refused_process_info",
            "petition_complaint",
            "withdrawn",
        ):
            self.case(self.day(start, end), outcome)
        self.case(self.day(start, end), "granted", data.CORRECTED_REQUEST, correction=True)
        self.case(self.day(start, end), "overdue_correction", correction=True)
        self.case(self.day(start, end), "granted", data.EXTENDED_REQUEST, extension="granted")
        self.case(self.day(start, end), "granted", on_the_spot=True)
        self.case(self.day(start, end), "granted", late=True)

    def _carry_over(self, year: int) -> None:
        """Received in late December, answered in January (结转下年度 in last year's report)."""
        count = 3 if self.profile.city else 1
        for outcome in ("granted", "partially_granted", "not_held")[:count]:
            submitted = self.dates.first_workday(dt.date(year, 12, self.rng.randint(17, 26)))
            self.case(submitted, outcome, reply_offset=-self.rng.randint(0, 2))

    def _live(self) -> None:
        """Open work today, so every queue has content: every open state, due soon, overdue."""
        first = len(self.cases)
        self._live_cases()
        for case in self.cases[first:]:
            case.fixed = case.dated = True

    def _live_cases(self) -> None:
        today, add = self.today, self.dates.add
        evening = today - dt.timedelta(days=1)
        self.case(evening, "granted", channel="online", confirm=False)
        self.case(add(today, -18), "granted", channel="in_person", reply_offset=0)  # due in 2 days
        self.case(add(today, -5), "overdue_correction", channel="in_person", correction=True)  # awaiting correction
        if not self.profile.city:
            return
        self.case(add(today, -1), "granted", channel="online", confirm=False)
        self.case(add(today, -19), "not_held", channel="oral", reply_offset=0)  # due tomorrow
        self.case(add(today, -24), "granted", channel="in_person", reply_offset=6)  # overdue
        self.case(
            add(today, -10), "fee_not_paid", data.FEE_VOLUME_REQUEST, channel="in_person", fee="per_volume", pages=120
        )
        self.case(add(today, -10), "granted", channel="in_person", reply_on=today)  # replied, delivery pending
        self.case(
            add(today, -7),
            "partially_granted",
            data.CONSULTED_REQUEST,
            channel="in_person",
            consult=(("third_party", "no_reply"),),
        )  # consulting
        self.case(add(today, -19), "granted", data.EXTENDED_REQUEST, channel="in_person", extension="pending")
        transfer = self.case(add(today, -7), TRANSFER, data.GENERAL_REQUESTS[0], channel="in_person")
        transfer.school = data.SCHOOLS["东城区"][0]

    def _fill(self, submitted: dt.date) -> None:
        rng = self.rng
        outcome = rng.choices(list(FILL_OUTCOMES), weights=list(FILL_OUTCOMES.values()))[0]
        extra: dict = {}
        if outcome == "overdue_correction":
            extra["correction"] = True
        elif outcome == "refused_third_party_rights":
            extra["consult"] = (("third_party", "objects"),)
        elif outcome in {"granted", "not_held"} and rng.random() < 0.06:  # noqa: PLR2004
            extra["correction"] = True
        elif outcome == "granted" and rng.random() < 0.04:  # noqa: PLR2004
            extra["consult"] = (("third_party", "agrees"),)
        if outcome not in NO_DELIVERY and rng.random() < 0.06:  # noqa: PLR2004
            extra["extension"] = "granted"
        elif outcome not in NO_DELIVERY and rng.random() < 0.05:  # noqa: PLR2004
            extra["late"] = True
        self.case(submitted, outcome, **extra)

    # who and how
    def applicant(self) -> dict:
        if self.rng.random() < ORGANISATION_SHARE:
            return self.rng.choice(ORGANISATIONS)
        return self.rng.choice(PERSONS)

    def finish(self) -> list[Case]:
        """Give every case an applicant and a channel; make sure every channel and applicant kind occur."""
        rng = self.rng
        for case in self.cases:
            case.applicant = case.applicant or self.applicant()
            if case.channel:
                continue
            if case.on_the_spot:
                case.channel = rng.choice(["in_person", "in_person", "oral"])
            else:
                case.channel = rng.choices(list(CHANNEL_WEIGHTS), weights=list(CHANNEL_WEIGHTS.values()))[0]
        self._cover()
        for case in self.cases:
            self._place(case)
        return self.cases

    def _cover(self) -> None:
        """Every channel each year; at the city bureau every kind of organisation too."""
        free = [c for c in self.cases if not c.fixed and not c.on_the_spot and c.confirm and c.reply_on is None]
        self.rng.shuffle(free)
        used = {c.channel for c in self.cases}
        for channel in CHANNEL_WEIGHTS:
            if channel not in used and free:
                free.pop().channel = channel
        if not self.profile.city:
            return
        kinds = {c.applicant["applicant_type"] for c in self.cases if c.applicant}
        for org in data.ORGANISATIONS:
            if org.applicant_type not in kinds and free:
                free.pop().applicant = organisation(org)
                kinds.add(org.applicant_type)

    def _place(self, case: Case) -> None:
        """Submissions in person, orally and by post are on working days; online ones mostly."""
        weekend_ok = case.channel in {"online", "email"} and self.rng.random() < 0.3  # noqa: PLR2004
        if case.dated or weekend_ok or case.reply_on is not None or case.reply_offset is not None:
            return
        if not self.dates.is_workday(case.submitted):
            moved = self.dates.first_workday(case.submitted)
            case.submitted = moved if moved < self.today else self.dates.add(case.submitted, -1)


# --- playing a script through the services ----------------------------------------------------------


class _Later(Exception):  # noqa: N818 - control flow, not an error
    """The next step of the script is after today: the application stays as it is."""


@dataclass
class _Staff:
    office: User
    officers: list[User]
    approver: User | None


@dataclass
class _Player:
    agency: Agency
    staff: _Staff
    rng: random.Random
    dates: _Dates
    today: dt.date
    area: str
    agencies: dict[str, Agency]
    departments: dict[str, Department] = field(default_factory=dict)
    last: dt.date = dt.date.min
    app: Application | None = None

    def step(self, day: dt.date) -> dt.date:
        day = max(day, self.last)
        if day > self.today:
            raise _Later
        self.last = day
        return day

    def play(self, case: Case) -> Application | None:
        self.last, self.app = dt.date.min, None
        with contextlib.suppress(_Later):
            self._play(case)
        if self.app is not None and self.app.received_on is not None:
            self._breaches()
        return self.app

    def _breaches(self) -> None:
        """Each missed deadline as the daily job recorded it: on the day after the due date."""
        state = clock_state(self.app, today=max(self.last, self.app.received_on))
        for breach in state.breaches if state is not None else ():
            recorded_on = breach.due + dt.timedelta(days=1)
            if recorded_on <= self.today:
                breach_record(self.app, breach.kind.value, breach.due, recorded_on)

    def _fields(self, case: Case) -> dict:
        fmt = {
            "y": case.year,
            "area": self.area,
            "a": self.agency.short_name,
            "school": case.school,
        }
        wanted = self._delivery_wanted(case)
        form = {"email": "electronic", "online": "electronic", "post": "paper", "collect": "paper"}[wanted]
        if self.rng.random() < 0.2:  # noqa: PLR2004
            form = "either"
        return {
            **(case.applicant or {}),
            "description": case.request.description.format(**fmt),
            "document_hint": case.request.hint.format(**fmt),
            "form_wanted": form,
            "delivery_wanted": wanted,
        }

    def _delivery_wanted(self, case: Case) -> str:
        has_email = bool((case.applicant or {}).get("email"))
        options = {
            "online": ["online", "online", "email", "post"],
            "email": ["email"],
            "fax": ["post", "email"],
            "in_person": ["collect", "post"],
            "oral": ["collect", "post"],
            "registered_post": ["post", "post", "email"],
            "ordinary_post": ["post", "email"],
        }[case.channel]
        if case.on_the_spot:
            options = ["collect"]
        wanted = self.rng.choice(options)
        if wanted in {"email", "online"} and not has_email:
            wanted = "post"
        return wanted

    # intake
    def _intake(self, case: Case) -> None:
        add, first = self.dates.add, self.dates.first_workday
        submitted, office, fields = case.submitted, self.staff.office, self._fields(case)
        if submitted > self.today:
            raise _Later
        if case.channel == "online":
            at = dt.datetime.combine(submitted, dt.time(self.rng.randint(7, 22), self.rng.randint(0, 59)), SHANGHAI)
            self.app, _ = application_submit_online(agency=self.agency, now=min(at, timezone.now()), **fields)
            if not case.confirm:
                raise _Later
            delay = case.confirm_delay if case.confirm_delay is not None else self.rng.choice([0, 0, 1, 1, 2])
            confirmed = self.step(add(first(submitted), delay) if delay else first(submitted))
            self.app = application_confirm(acting_user=office, application=self.app, confirmed_on=confirmed)
            return
        dates: dict = {}
        if case.channel in {"in_person", "oral"}:
            received = submitted
        elif case.channel == "registered_post":
            received = dates["signed_on"] = add(submitted, self.rng.randint(2, 3))
        elif case.channel == "ordinary_post":
            received = dates["confirmed_on"] = add(submitted, self.rng.randint(2, 4))
        else:  # fax, email: confirmed with the applicant on the next working day at the latest
            received = dates["confirmed_on"] = add(first(submitted), 1) if self.rng.random() < 0.4 else first(submitted)  # noqa: PLR2004
        self.step(received)
        self.app, _ = application_register(
            acting_user=office, agency=self.agency, channel=case.channel, submitted_on=submitted, **dates, **fields
        )

    def _handler(self, case: Case) -> User:
        officers = self.staff.officers
        if officers and self.rng.random() < 0.75:  # noqa: PLR2004
            return self.rng.choice(officers)
        return self.staff.office

    def _department(self, case: Case) -> Department | None:
        city, district = data.DEPARTMENTS.get(case.request.category, data.DEPARTMENTS["office"])
        return self.departments.get(city) or self.departments.get(district)

    # the script
    def _play(self, case: Case) -> None:  # noqa: C901, PLR0912 - one branch per kind of step, in order
        self._intake(case)
        add, rng = self.dates.add, self.rng
        handler = self._handler(case)
        self.app = application_assign(
            acting_user=self.staff.office, application=self.app, handler=handler, department=self._department(case)
        )
        if rng.random() < 0.25:  # noqa: PLR2004
            comment_add(acting_user=handler, application=self.app, text=rng.choice(data.COMMENTS))
        received = self.app.received_on
        if case.on_the_spot:
            self._decide(case, handler, received)
            self.app = application_deliver(acting_user=handler, application=self.app, method="on_the_spot", on=received)
            return
        if case.outcome == "withdrawn":
            day = self.step(add(received, rng.randint(1, 6)))
            self.app = application_withdraw(
                acting_user=handler, application=self.app, on=day, note=rng.choice(data.WITHDRAW_NOTES)
            )
            return
        if case.correction:
            self._correction(case, handler, received)
            if case.outcome == "overdue_correction":
                return
        for party, opinion in case.consult:
            self._consult(case, handler, party, opinion)
        if case.fee:
            self._fee(case)
            if case.outcome == "fee_not_paid":
                return
        if case.outcome == TRANSFER:
            self._transfer(case)
            return
        if case.extension:
            self._extension(case, handler)
        due = self._due()
        if case.reply_on is not None:
            day = case.reply_on
        elif case.reply_offset is not None:
            day = add(due, case.reply_offset) if case.reply_offset else due
        elif case.late:
            day = add(due, rng.randint(1, 6))
        elif case.extension:
            day = add(due, -rng.randint(0, 4))
        else:
            left = self.dates.between(self.last, due)
            low = min(max(left, 0), 3)
            day = add(self.last, rng.randint(low, max(low, min(left, low + 12)))) if left > 0 else self.last
        self._decide(case, handler, self.step(day))
        self._deliver(case)

    def _due(self) -> dt.date:
        state = clock_state(self.app, today=self.last)
        if state is None or state.reply_due is None:
            raise RuntimeError(f"演示数据：申请 {self.app.tracking_code} 没有答复期限")
        return state.reply_due

    def _correction(self, case: Case, handler: User, received: dt.date) -> None:
        add, rng = self.dates.add, self.rng
        workdays = rng.choice([10, 10, 15])
        notice = self.step(add(received, rng.randint(1, 5)))
        self.app = correction_request(
            acting_user=handler,
            application=self.app,
            on=notice,
            workdays=workdays,
            what=rng.choice(data.CORRECTION_WHAT),
        )
        if case.outcome == "overdue_correction":
            self._abandon(add(notice, workdays) + dt.timedelta(days=1))
            return
        note = data.UNCLEAR_CORRECTION_NOTE if case.outcome == "unclear_after_correction" else None
        day = self.step(add(notice, rng.randint(2, min(7, workdays))))
        self.app = correction_receive(
            acting_user=handler, application=self.app, on=day, note=note or rng.choice(data.CORRECTION_NOTES)
        )

    def _consult(self, case: Case, handler: User, party: str, opinion: str) -> None:
        add, rng = self.dates.add, self.rng
        addressee, address = data.THIRD_PARTY if party == "third_party" else data.CONSULTED_AGENCY
        template = data.THIRD_PARTY_SUBJECT if party == "third_party" else data.AGENCY_SUBJECT
        sent = self.step(add(self.last, rng.randint(1, 3)))
        consultation = consultation_send(
            acting_user=handler,
            application=self.app,
            party=party,
            addressee=addressee,
            addressee_address=address,
            subject=template.format(y=case.year, area=self.area),
            sent_on=sent,
        )
        answered = self.step(add(sent, 16) if opinion == "no_reply" else add(sent, rng.randint(3, 12)))
        consultation_answer(
            acting_user=handler,
            consultation=consultation,
            answered_on=answered,
            opinion=opinion,
            summary=data.OPINION_SUMMARIES[opinion],
        )

    def _fee(self, case: Case) -> None:
        add, rng, office = self.dates.add, self.rng, self.staff.office
        sent = self.step(add(self.last, rng.randint(1, 3)))
        self.app = fee_notice_send(
            acting_user=office,
            application=self.app,
            basis=case.fee,
            pages=case.pages,
            reason=data.FEE_REASONS[case.fee].format(pages=case.pages),
            on=sent,
        )
        notice_received = self.step(add(sent, rng.randint(1, 2)))
        self.app = fee_notice_received(acting_user=office, application=self.app, on=notice_received)
        if case.outcome == "fee_not_paid":
            self._abandon(add(notice_received, 20) + dt.timedelta(days=1))
            return
        paid = self.step(add(notice_received, rng.randint(2, 10)))
        self.app = fee_payment_record(acting_user=office, application=self.app, on=paid)

    def _abandon(self, day: dt.date) -> None:
        """What the daily job does on the day after the missed deadline."""
        application = application_abandon(application=self.app, on=self.step(day))
        if application is None:
            raise RuntimeError(f"演示数据：申请 {self.app.tracking_code} 未能视为放弃")
        self.app = application

    def _extension(self, case: Case, handler: User) -> None:
        add, rng = self.dates.add, self.rng
        due = self._due()
        if self.last > due or self.staff.approver is None:
            return
        workdays = rng.choice([10, 15, 20])
        reason = rng.choice(data.EXTENSION_REASONS)
        if case.extension == "pending":
            self.step(self.today)
            extension_request(
                acting_user=handler, application=self.app, workdays=workdays, reason=reason, on=self.today
            )
            raise _Later
        asked = self.step(max(add(due, -rng.randint(1, 3)), self.last))
        request = extension_request(
            acting_user=handler, application=self.app, workdays=workdays, reason=reason, on=asked
        )
        approved = self.step(min(add(asked, rng.randint(0, 1)), due))
        extension_decide(
            acting_user=self.staff.approver, request=request, approve=True, on=approved, comment="同意延长。"
        )

    def _transfer(self, case: Case) -> None:
        target = self.agencies.get("dongcheng")
        if target is None or target.pk == self.agency.pk:
            raise _Later
        day = self.step(self.dates.add(self.last, self.rng.randint(2, 4)))
        self.app = application_transfer(
            acting_user=self.staff.office,
            application=self.app,
            to_agency=target,
            on=day,
            reasons=data.TRANSFER_REASONS.format(school=case.school),
        )
        self._deliver(case)

    def _decide(self, case: Case, handler: User, day: dt.date) -> None:
        outcome, rng = case.outcome, self.rng
        extra: dict = {}
        category = case.request.category
        if outcome == "granted_already_public":
            node = {"enrol": "招生管理", "finance": "财务信息", "staff": "人事信息"}.get(category, "政策文件")
            template = rng.choice(data.PUBLIC_LOCATIONS)
            extra["public_location"] = template.format(node=node, y=case.year, m=rng.randint(1, day.month))
        elif outcome == "partially_granted":
            withheld = data.WITHHELD.get(category, data.WITHHELD["default"])
            extra |= {"withheld_grounds": ["third_party_rights"], "withheld_description": withheld}
            extra["reasons"] = data.REASONS[outcome].format(withheld=withheld)
        elif outcome == "not_this_agency":
            name, contact = data.RESPONSIBLE_AGENCIES.get(category, data.RESPONSIBLE_AGENCIES["office"])
            extra |= {"responsible_agency_name": name, "responsible_agency_contact": contact}
            extra["reasons"] = data.REASONS[outcome].format(responsible=name)
        if outcome in data.REASONS and "reasons" not in extra:
            extra["reasons"] = data.REASONS[outcome]
        self.app = application_decide(
            acting_user=handler, application=self.app, outcome=outcome, decided_on=day, **extra
        )

    def _deliver(self, case: Case) -> None:
        add, rng = self.dates.add, self.rng
        decided = self.last
        wanted = self.app.delivery_wanted
        if wanted == "post":
            method, day, ref = "post", add(decided, rng.randint(1, 3)), f"EMS{rng.randrange(10**12, 10**13)}"
        elif wanted == "collect":
            method, day, ref = "collected", add(decided, rng.randint(1, 4)), "申请人到政府信息公开查阅室领取"
        else:
            method, day, ref = wanted, decided if rng.random() < 0.7 else add(decided, 1), ""  # noqa: PLR2004
        self.app = application_deliver(
            acting_user=self.staff.office, application=self.app, method=method, on=self.step(day), ref=ref
        )


# --- entry point -----------------------------------------------------------------------------------


def _staff_of(key: str, users: dict[str, User]) -> _Staff | None:
    def holders(role: Role) -> list[User]:
        return [users[s.username] for s in STAFF if s.agency_key == key and s.role == role and s.username in users]

    offices = holders(Role.OFFICE)
    if not offices:
        return None
    approvers = holders(Role.APPROVER)
    return _Staff(office=offices[0], officers=holders(Role.OFFICER), approver=approvers[0] if approvers else None)


def scripts(agency_key: str, agency: Agency, today: dt.date, dates: _Dates | None = None) -> list[Case]:
    """The scripts of one agency from 1 January of last year to today, in the order they are played."""
    dates = dates or _Dates()
    profile = PROFILES.get(agency_key, DEFAULT_PROFILE)
    rng = random.Random(f"gongkai-demo-applications-{agency_key}")  # noqa: S311 - demo data, not security
    cases: list[Case] = []
    for year in (today.year - 1, today.year):
        planner = _Planner(rng, dates, profile, agency, today)
        planner.year(year)
        cases += [replace(c, order=len(cases) + i) for i, c in enumerate(planner.finish())]
    return sorted(cases, key=lambda c: (c.submitted, c.order))


def load_applications(
    agencies: dict[str, Agency], users: dict[str, User], *, today: dt.date | None = None, only: set[str] | None = None
) -> int:
    """Idempotent: an agency that already has applications is left as it is. Returns how many
    applications were created (including those transferred in). ``only``: agency keys to load."""
    today = today or timezone.localdate()
    dates = _Dates()
    before = Application.objects.count()
    # decided before anything is created: a transfer from the bureau must not make a district look loaded
    todo = {
        key: staff
        for key, agency in agencies.items()
        if (only is None or key in only)
        and (staff := _staff_of(key, users)) is not None
        and not Application.objects.filter(agency=agency).exists()
    }
    for key, staff in todo.items():
        agency = agencies[key]
        player = _Player(
            agency=agency,
            staff=staff,
            rng=random.Random(f"gongkai-demo-play-{key}"),  # noqa: S311 - demo data, not security
            dates=dates,
            today=today,
            area=PROFILES.get(key, DEFAULT_PROFILE).area,
            agencies=agencies,
            departments={d.name: d for d in Department.objects.filter(agency=agency)},
        )
        for case in scripts(key, agency, today, dates):
            player.play(case)
    return Application.objects.count() - before
