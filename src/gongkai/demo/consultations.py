"""Demo consultations (咨询 / 局长信箱 / 热线 / 交办件): every agency with a disclosure office gets its
sources, categories and settings (``consultation_setup``); the city bureau gets the enquiries of every
source from 1 January of last year to today, so its queues, its published questions and answers and its
figures ("受理局长信箱17件，反馈率100%，满意率100%", "市长信箱交办58件") have real content.

Everything goes through the services staff use (``consultations.services``), each step on its own past
day. Most services take their dates (receipt, reply, closing, rating, reopening); the few that use "today"
for their history step (assignment, drafts, review, publication) are played inside
``gongkai.playback.played_at`` (``on_day`` here), the services' documented seam for
replaying recorded history, so the asker's timeline and the back-office history read as they would
have happened. Whatever would happen after ``today`` is left undone, so the
latest enquiries are naturally open: unassigned, due soon, overdue, in review, approved, rated 不满意.

The bureau wants the 局长信箱 replies reviewed before they go out (``Source.requires_review``): those
are drafted by the handler, approved by the reviewer or approver and then sent. One visit turns out to
be an application for disclosure and one application is really a consultation (Art. 39): both are
converted through the conversion services, keeping the history on both records.

Idempotent: an agency's setup creates only what is missing; the bureau's enquiries are created only
when it has none.
"""

import contextlib
import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone as django_timezone

from gongkai.accounts.models import User
from gongkai.agencies.models import Agency
from gongkai.agencies.roles import Role
from gongkai.audit.services import instance_save
from gongkai.consultations.models import Category, Enquiry, Source
from gongkai.consultations.services.conversion import application_convert_to_enquiry, enquiry_convert_to_application
from gongkai.consultations.services.deadlines import breach_record
from gongkai.consultations.services.handling import (
    enquiry_assign,
    enquiry_categorise,
    enquiry_close,
    enquiry_void,
    enquiry_withdraw,
    reply_approve,
    reply_draft,
    reply_return,
    reply_send,
    reply_submit_for_review,
)
from gongkai.consultations.services.intake import enquiry_register, enquiry_submit_online
from gongkai.consultations.services.publication import enquiry_publish, suggest_public_texts
from gongkai.consultations.services.rating import enquiry_rate, enquiry_reopen
from gongkai.consultations.services.setup import consultation_setup
from gongkai.consultations.sources import SOURCES_BY_CODE, SourceKind
from gongkai.demo import application_data as people
from gongkai.demo import consultation_data as data
from gongkai.demo.applications import PERSONS
from gongkai.demo.data import STAFF
from gongkai.inforequests.services.decisions import application_deliver
from gongkai.inforequests.services.handling import application_assign
from gongkai.inforequests.services.intake import application_register
from gongkai.playback import played_at
from gongkai.workcalendar.selectors import work_calendar

SHANGHAI = ZoneInfo("Asia/Shanghai")
BUREAU = "bureau"

# Enquiries a full year at the city bureau, per default source (the current year pro rata).
PER_YEAR = {
    "website": 24,
    "mailbox": 16,  # with the message that named its asker: 17 last year
    "hotline": 40,
    "letter": 6,
    "visit": 6,
    "new_media": 10,
    "assigned_12345": 34,
    "assigned_mayor": 58,
    "assigned_secretary": 4,
    "assigned_superior": 5,
}
MONTH_WEIGHTS = (7, 5, 9, 11, 13, 14, 14, 10, 11, 6, 6, 6)  # enrolment season March–September is busiest
REVIEWED_SOURCES = frozenset({"mailbox"})  # the director's mailbox: replies reviewed before they go out
ASSIGNER_REFS = {
    "assigned_12345": "12345-{y}-{n:06d}",
    "assigned_mayor": "SZXX-{y}-{n:04d}",
    "assigned_secretary": "SJXX-{y}-{n:04d}",
    "assigned_superior": "JYT-{y}-{n:03d}",
}
SUPERIOR = "示范省教育厅"
RATED_SHARE = {SourceKind.PUBLIC: 0.6, SourceKind.REGISTERED: 0.2, SourceKind.ASSIGNED: 0.3}
CONSENT_SHARE = {SourceKind.PUBLIC: 0.6, SourceKind.REGISTERED: 0.25, SourceKind.ASSIGNED: 0.0}


# --- "today" for the consultation services while a past step is played ---------------------------------


@contextlib.contextmanager
def on_day(day: dt.date, hour: int = 10) -> Iterator[None]:
    """Play the consultation services on ``day`` at ``hour`` (their "today", through ``played_at``)."""
    with played_at(dt.datetime.combine(day, dt.time(hour), tzinfo=SHANGHAI)):
        yield


# --- the scripts ----------------------------------------------------------------------------------------


@dataclass
class Case:
    """The script of one enquiry: who asks what, how, and what happens to it (and when)."""

    source: str  # a default source code
    received: dt.date
    topic: data.Topic
    school: str
    asker: dict[str, str]
    consent: bool
    handler: str = "officer"  # "officer" | "office" (the office answers itself)
    reply_after: int = 2  # working days after receipt
    close_after: int | None = 0  # working days after the reply (None: left answered, not closed)
    rating: str = ""
    rating_after: int = 1  # calendar days after the reply
    reopen: bool = False  # rated 不满意 and reopened: a second reply and rating
    second_rating: str = ""
    publish: bool = False
    public_question: str = ""  # when the published question differs from the suggested text
    returned: bool = False  # the reviewer returned the first draft
    stop: str = ""  # stop after this step: "received" | "assigned" | "drafted" | "in_review" | "approved"
    end: str = ""  # "void" | "withdraw"
    assigner_deadline: dt.date | None = None
    question_prefix: str = ""
    n: int = 0

    @property
    def year(self) -> int:
        return self.received.year


class _Later(Exception):  # noqa: N818 - control flow, not an error
    """The next step of the script is after today: the enquiry stays as it is."""


class _Dates:
    def __init__(self) -> None:
        self.calendar = work_calendar()

    def add(self, day: dt.date, n: int) -> dt.date:
        return self.calendar.add_workdays(day, n, warn=False)

    def is_workday(self, day: dt.date) -> bool:
        return self.add(self.add(day, -1), 1) == day

    def first_workday(self, day: dt.date) -> dt.date:
        return day if self.is_workday(day) else self.add(day, 1)


def _asker(rng: random.Random, kind: SourceKind, index: int) -> dict[str, str]:
    surname, surname_py = people.SURNAMES[index % len(people.SURNAMES)]
    given, given_py = people.GIVEN_NAMES[(index * 5 + 3) % len(people.GIVEN_NAMES)]
    named = rng.random() < (0.7 if kind is SourceKind.PUBLIC else 0.9)
    phoned = rng.random() < (0.4 if kind is SourceKind.PUBLIC else 0.95)
    mailed = kind is SourceKind.PUBLIC and rng.random() < 0.25  # noqa: PLR2004
    return {
        "name": surname + given if named else "",
        "phone": f"1390088{index % 10_000:04d}" if phoned else "",
        "email": f"{given_py}.{surname_py}.zx{index:03d}@example.com" if mailed else "",
    }


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


def _kind(code: str) -> SourceKind:
    return SOURCES_BY_CODE[code].kind


def _deadline(code: str) -> int:
    return SOURCES_BY_CODE[code].deadline_workdays


class _Planner:
    """The scripts of the city bureau from 1 January of last year to today."""

    def __init__(self, today: dt.date, dates: _Dates) -> None:
        self.today = today
        self.dates = dates
        self.rng = random.Random("gongkai-demo-consultations")  # noqa: S311 - demo data, not security
        self.cases: list[Case] = []
        self.count = 0
        self.published: set[tuple[str, int]] = set()

    def case(self, source: str, received: dt.date, topic: data.Topic | None = None, **extra: Any) -> Case:
        rng = self.rng
        kind = _kind(source)
        self.count += 1
        topic = topic or rng.choice(data.TOPICS)
        case = Case(
            source=source,
            received=received,
            topic=topic,
            school=rng.choice(people.SCHOOLS["本市"] + people.SCHOOLS["东城区"]),
            asker=_asker(rng, kind, self.count),
            consent=rng.random() < CONSENT_SHARE[kind],
            n=self.count,
        )
        for name, value in extra.items():
            setattr(case, name, value)
        self.cases.append(case)
        return case

    def plan(self) -> list[Case]:
        start = dt.date(self.today.year - 1, 1, 1)
        self._special(start)
        for year in (self.today.year - 1, self.today.year):
            first = dt.date(year, 1, 1)
            last = min(dt.date(year, 12, 31), self.dates.add(self.today, -12))
            if last < first:
                continue
            share = ((last - first).days + 1) / 365
            for source, per_year in PER_YEAR.items():
                for _ in range(round(per_year * share)):
                    self._fill(source, _seasonal_day(self.rng, first, last))
        self._live()
        return sorted(self.cases, key=lambda c: (c.received, c.n))

    def _fill(self, source: str, received: dt.date) -> None:
        rng, kind = self.rng, _kind(source)
        if kind is not SourceKind.PUBLIC:
            received = self.dates.first_workday(received)
        limit = _deadline(source)
        extra: dict[str, Any] = {}
        if source == "assigned_mayor" and rng.random() < 0.6:  # noqa: PLR2004
            limit = 7
            extra["assigner_deadline"] = self.dates.add(received, limit)
        elif source == "assigned_12345" and rng.random() < 0.5:  # noqa: PLR2004
            limit = 3
            extra["assigner_deadline"] = self.dates.add(received, limit)
        extra |= {
            "handler": "officer" if rng.random() < 0.7 else "office",  # noqa: PLR2004
            "reply_after": rng.randint(0, max(0, limit - 1)) if rng.random() < 0.85 else limit,  # noqa: PLR2004
            "close_after": 0 if rng.random() < 0.85 else rng.randint(1, 4),  # noqa: PLR2004
        }
        if source == "hotline" and rng.random() < 0.5:  # noqa: PLR2004
            extra |= {"handler": "office", "reply_after": 0}  # answered on the phone
        if source not in REVIEWED_SOURCES and rng.random() < 0.04:  # noqa: PLR2004
            extra["reply_after"] = limit + rng.randint(1, 3)  # late
        if source in REVIEWED_SOURCES:
            extra["returned"] = rng.random() < 0.15  # noqa: PLR2004
        extra |= self._rating(source, kind)
        case = self.case(source, received, **extra)
        if case.rating == "dissatisfied":  # the office reopened each of them (the queue is today's only)
            case.reopen = True
            case.second_rating = rng.choice(["basically_satisfied", "satisfied", ""])
        published = (case.topic.subject, case.year)  # the same question is published once a year at most
        if case.consent and case.topic.public and published not in self.published and rng.random() < 0.3:  # noqa: PLR2004
            case.publish = True
            self.published.add(published)

    def _rating(self, source: str, kind: SourceKind) -> dict[str, Any]:
        """Whether and how the asker rates the reply (the 局长信箱's askers were all satisfied)."""
        rng = self.rng
        if rng.random() >= RATED_SHARE[kind]:
            return {}
        if source in REVIEWED_SOURCES:
            value = "satisfied" if rng.random() < 0.8 else "basically_satisfied"  # noqa: PLR2004
        else:
            value = rng.choices(["satisfied", "basically_satisfied", "dissatisfied"], weights=[72, 22, 6])[0]
        return {"rating": value, "rating_after": rng.randint(0, 6)}

    def _special(self, start: dt.date) -> None:
        """A message naming the asker, published cleaned; spam and a withdrawal; a sure reopening."""
        add = self.dates.add
        day = self.dates.first_workday(start + dt.timedelta(days=160))
        topic = data.TOPICS[1]
        named = self.case("mailbox", day, topic, consent=True, rating="satisfied", publish=True)
        named.asker = {"name": "赵秀兰", "phone": "13900881234", "email": ""}
        named.question_prefix = "我是赵秀兰，电话13900881234。"
        named.public_question = topic.question.format(y=day.year, school=named.school, name="")
        reopened = add(self.today, -60)
        self.published |= {(topic.subject, day.year), (data.TOPICS[0].subject, reopened.year)}
        self.case(
            "website",
            reopened,
            data.TOPICS[0],
            consent=True,
            rating="dissatisfied",
            reopen=True,
            second_rating="basically_satisfied",
            reply_after=3,
            publish=True,
        )
        for subject, question in data.SPAM:
            spam = self.case("website", self.dates.first_workday(start + dt.timedelta(days=40 + len(subject))))
            spam.topic = data.Topic("其他", subject, question, "", public=False)
            spam.end = "void"
        self.case("hotline", add(self.today, -30), end="withdraw")

    def _live(self) -> None:
        """Open work today, so every queue has content."""
        add, today = self.dates.add, self.today
        self.case("mailbox", today - dt.timedelta(days=1), stop="received", consent=True)
        self.case("website", today, stop="received")
        self.case("hotline", add(today, -2), stop="assigned")  # due tomorrow
        self.case("visit", add(today, -13), stop="assigned")  # due in 2 working days
        self.case(
            "assigned_12345", add(today, -6), stop="assigned", assigner_deadline=add(today, -2)
        )  # overdue: the assigner's deadline has passed
        self.case("assigned_mayor", add(today, -9), stop="assigned")  # overdue: 5 working days
        self.case("letter", add(today, -4), stop="drafted")
        self.case("mailbox", add(today, -2), stop="in_review", consent=True)
        self.case("mailbox", add(today, -3), stop="approved", consent=True)
        self.case(
            "website", add(today, -9), reply_after=2, rating="dissatisfied", rating_after=3, consent=True
        )  # the office decides whether to reopen
        for offset in (5, 8, 11):
            self.case("website", add(today, -offset), reply_after=1, consent=True, topic=data.TOPICS[offset % 4])


# --- playing the scripts through the services -------------------------------------------------------


@dataclass
class _Staff:
    office: User
    officer: User
    reviewer: User
    approver: User


@dataclass
class _Player:
    agency: Agency
    staff: _Staff
    dates: _Dates
    today: dt.date
    rng: random.Random
    sources: dict[str, Source]
    categories: dict[str, Category]
    last: dt.date = dt.date.min
    enquiry: Enquiry | None = None
    published: list[int] = field(default_factory=list)

    def step(self, day: dt.date) -> dt.date:
        day = max(day, self.last)
        if day > self.today:
            raise _Later
        self.last = day
        return day

    def play(self, case: Case) -> None:
        self.last, self.enquiry = dt.date.min, None
        with contextlib.suppress(_Later):
            self._play(case)

    def _text(self, template: str, case: Case) -> str:
        return template.format(y=case.year, school=case.school, name=case.asker["name"] or "孩子")

    def _handler(self, case: Case) -> User:
        return self.staff.officer if case.handler == "officer" else self.staff.office

    def _play(self, case: Case) -> None:  # noqa: C901, PLR0912 - one branch per kind of step, in order
        self._intake(case)
        add, staff = self.dates.add, self.staff
        if case.end:
            day = self.step(case.received + dt.timedelta(days=1))
            with on_day(day):
                if case.end == "void":
                    enquiry_void(acting_user=staff.office, enquiry=self.enquiry, reason=data.VOID_REASON)
                else:
                    enquiry_withdraw(acting_user=staff.office, enquiry=self.enquiry, note=data.WITHDRAW_NOTE)
            return
        if case.stop == "received":
            return
        handler = self._handler(case)
        source = self.sources[case.source]
        if source.kind == SourceKind.PUBLIC.value:
            day = self.step(self.dates.first_workday(case.received))
            with on_day(day, 9):
                self.enquiry = enquiry_categorise(
                    acting_user=staff.office, enquiry=self.enquiry, category=self.categories[case.topic.category]
                )
                if handler == staff.officer or case.source in REVIEWED_SOURCES:
                    handler = staff.officer
                    self.enquiry = enquiry_assign(acting_user=staff.office, enquiry=self.enquiry, handler=handler)
        if case.stop == "assigned":
            return
        received = max(case.received, self.dates.first_workday(case.received))
        reply_day = add(case.received, case.reply_after) if case.reply_after else received  # as the due date
        text = self._text(case.topic.reply, case)
        if case.source in REVIEWED_SOURCES:
            self._reviewed_reply(case, handler, received, reply_day, text)
        elif case.stop == "drafted":
            day = self.step(add(received, 1))
            with on_day(day, 10):
                self.enquiry = reply_draft(acting_user=handler, enquiry=self.enquiry, text=text)
            return
        else:
            self._breach(reply_day)
            day = self.step(reply_day)
            with on_day(day, 15):
                self.enquiry = reply_send(
                    acting_user=handler, enquiry=self.enquiry, text=text, on=day, close=case.close_after == 0
                )
        if case.stop:
            return
        if case.close_after:
            day = self.step(add(self.last, case.close_after))
            with on_day(day):
                self.enquiry = enquiry_close(acting_user=handler, enquiry=self.enquiry, on=day)
        if case.publish:
            self._publish(case)
        if case.rating:
            self._rate(case, case.rating)
        if case.reopen:
            self._reopen(case, handler)

    def _intake(self, case: Case) -> None:
        source = self.sources[case.source]
        question = case.question_prefix + self._text(case.topic.question, case)
        subject = self._text(case.topic.subject, case)
        asker = case.asker
        day = self.step(case.received)
        if source.kind == SourceKind.PUBLIC.value:
            hour = 8 + case.n % 13
            moment = dt.datetime.combine(day, dt.time(hour, (case.n * 7) % 60), tzinfo=SHANGHAI)
            with on_day(day, hour):
                self.enquiry, _ = enquiry_submit_online(
                    agency=self.agency,
                    source=source,
                    question=question,
                    subject=subject,
                    publish_consent=case.consent,
                    now=moment,
                    **asker,
                )
            return
        extra: dict[str, Any] = {}
        if source.kind == SourceKind.ASSIGNED.value:
            ref = ASSIGNER_REFS[case.source].format(y=case.year, n=case.n * 37 % 9000 + 1000)
            extra = {"assigner_ref": ref, "assigner_deadline": case.assigner_deadline}
            if case.source == "assigned_superior":
                extra["assigned_by"] = SUPERIOR
        if case.source == "letter":
            extra["address"] = (
                f"示范市东城区{people.STREETS['东城区'][case.n % len(people.STREETS['东城区'])]}{case.n}号"
            )
        handler = self._handler(case) if case.handler == "officer" else None
        with on_day(day, 9):
            self.enquiry, _ = enquiry_register(
                acting_user=self.staff.office,
                agency=self.agency,
                source=source,
                received_on=day,
                question=question,
                subject=subject,
                publish_consent=case.consent,
                category=self.categories[case.topic.category],
                handler=handler,
                **asker,
                **extra,
            )

    def _reviewed_reply(self, case: Case, handler: User, received: dt.date, reply_day: dt.date, text: str) -> None:
        """Draft, review (returned once now and then), send: each on its working day up to the reply day."""
        staff, add = self.staff, self.dates.add
        draft_day = self.step(max(received, add(reply_day, -2)))
        with on_day(draft_day, 10):
            self.enquiry = reply_draft(acting_user=handler, enquiry=self.enquiry, text=text)
        if case.stop == "drafted":
            raise _Later
        with on_day(draft_day, 11):
            self.enquiry = reply_submit_for_review(acting_user=handler, enquiry=self.enquiry)
        if case.stop == "in_review":
            raise _Later
        reviewer = staff.reviewer if case.n % 3 else staff.approver
        review_day = self.step(max(draft_day, add(reply_day, -1)))
        if case.returned:
            with on_day(review_day, 9):
                self.enquiry = reply_return(acting_user=reviewer, enquiry=self.enquiry, comment=data.RETURN_COMMENT)
                self.enquiry = reply_draft(
                    acting_user=handler, enquiry=self.enquiry, text=text + "具体办理地点为各区教育局招生办公室。"
                )
                self.enquiry = reply_submit_for_review(acting_user=handler, enquiry=self.enquiry)
        with on_day(review_day, 14):
            self.enquiry = reply_approve(acting_user=reviewer, enquiry=self.enquiry, comment="同意发出。")
        if case.stop == "approved":
            raise _Later
        day = self.step(reply_day)
        with on_day(day, 16):
            self.enquiry = reply_send(acting_user=handler, enquiry=self.enquiry, on=day, close=case.close_after == 0)

    def _breach(self, reply_day: dt.date) -> None:
        """A reply after the deadline: the daily job recorded the breach on the day after the due date."""
        due = self.enquiry.due_on
        if reply_day > due and due + dt.timedelta(days=1) <= self.today:
            breach_record(self.enquiry, due + dt.timedelta(days=1))

    def _publish(self, case: Case) -> None:
        day = self.step(self.last + dt.timedelta(days=self.rng.randint(1, 5)))
        texts = suggest_public_texts(self.enquiry)
        texts["public_subject"] = self._text(case.topic.subject, case)
        if case.public_question:
            texts["public_question"] = case.public_question
        with on_day(day, 16):
            self.enquiry = enquiry_publish(acting_user=self.staff.office, enquiry=self.enquiry, **texts)

    def _rate(self, case: Case, value: str, *, after: int | None = None) -> None:
        replied = self.enquiry.replied_on
        day = self.step(replied + dt.timedelta(days=case.rating_after if after is None else after))
        comments = data.DISSATISFIED_COMMENTS if value == "dissatisfied" else data.SATISFIED_COMMENTS
        with on_day(day, 20):
            self.enquiry = enquiry_rate(
                enquiry=self.enquiry, rating=value, comment=comments[case.n % len(comments)], on=day
            )

    def _reopen(self, case: Case, handler: User) -> None:
        add = self.dates.add
        day = self.step(add(self.last, 1))
        with on_day(day, 9):
            self.enquiry = enquiry_reopen(
                acting_user=self.staff.office,
                enquiry=self.enquiry,
                reason=data.REOPEN_REASONS[case.n % len(data.REOPEN_REASONS)],
                on=day,
            )
        day = self.step(add(day, 2))
        with on_day(day, 15):
            self.enquiry = reply_send(
                acting_user=handler,
                enquiry=self.enquiry,
                text=data.FOLLOW_UP_REPLY,
                on=day,
                close=True,
            )
        if case.second_rating:
            self._rate(case, case.second_rating, after=2)


# --- conversions both ways --------------------------------------------------------------------------------


def _to_application(player: _Player, dates: _Dates, today: dt.date) -> None:
    """A visitor asks for a document: the visit is registered as an enquiry and converted into an
    application received in person that day (Art. 31(1)), then assigned to the officer."""
    staff = player.staff
    received = dates.add(today, -6)
    applicant = PERSONS[11]
    topic = data.TO_APPLICATION
    with on_day(received, 10):
        enquiry, _ = enquiry_register(
            acting_user=staff.office,
            agency=player.agency,
            source=player.sources["visit"],
            received_on=received,
            question=topic.question,
            subject=topic.subject,
            name=applicant["name"],
            phone=applicant["phone"],
            category=player.categories[topic.category],
        )
    converted = dates.add(received, 1)
    fields = {k: applicant[k] for k in ("applicant_type", "id_type", "id_number", "email", "address", "postcode")}
    fields |= {"form_wanted": "paper", "delivery_wanted": "post"}
    with on_day(converted, 10):
        _enquiry, application = enquiry_convert_to_application(
            acting_user=staff.office,
            enquiry=enquiry,
            channel="in_person",
            reason=data.TO_APPLICATION_REASON,
            applicant=fields,
        )
    application_assign(acting_user=staff.office, application=application, handler=staff.officer)


def _from_application(player: _Player, dates: _Dates, today: dt.date) -> None:
    """An application that only asks about enrolment: answered under Art. 39 and handled as a visit."""
    staff = player.staff
    submitted = dates.add(today, -45)
    applicant = PERSONS[12]
    fields = {k: applicant[k] for k in ("applicant_type", "name", "id_type", "id_number", "phone", "email")}
    fields |= {
        "address": applicant["address"],
        "postcode": applicant["postcode"],
        "description": data.FROM_APPLICATION_REQUEST,
        "form_wanted": "electronic",
        "delivery_wanted": "email" if applicant["email"] else "online",
    }
    application, _ = application_register(
        acting_user=staff.office, agency=player.agency, channel="in_person", submitted_on=submitted, **fields
    )
    day = dates.add(submitted, 1)
    with on_day(day, 11):
        enquiry = application_convert_to_enquiry(
            acting_user=staff.office,
            application=application,
            source=player.sources["visit"],
            reason=data.FROM_APPLICATION_REASON,
            on=day,
            subject="学区划分和报名学校",
            category=player.categories["招生入学"],
        )
        enquiry = enquiry_assign(acting_user=staff.office, enquiry=enquiry, handler=staff.officer)
    application_deliver(
        acting_user=staff.office, application=application, method=fields["delivery_wanted"], on=day, ref=""
    )
    reply_day = dates.add(day, 3)
    with on_day(reply_day, 15):
        enquiry = reply_send(
            acting_user=staff.officer, enquiry=enquiry, text=data.TOPICS[1].reply, on=reply_day, close=True
        )
    with on_day(reply_day + dt.timedelta(days=1), 20):
        enquiry_rate(enquiry=enquiry, rating="satisfied", on=reply_day + dt.timedelta(days=1))


# --- entry point ----------------------------------------------------------------------------------------


def _bureau_staff(users: dict[str, User]) -> _Staff | None:
    def holder(role: Role) -> User | None:
        spec = next((s for s in STAFF if s.agency_key == BUREAU and s.role == role), None)
        return users.get(spec.username) if spec is not None else None

    found = [holder(r) for r in (Role.OFFICE, Role.OFFICER, Role.REVIEWER, Role.APPROVER)]
    return _Staff(*found) if all(found) else None


def _review_mailbox(agency: Agency) -> None:
    """The bureau wants the 局长信箱 replies reviewed before they go out (set once, then left alone)."""
    for source in Source.objects.filter(agency=agency, code__in=REVIEWED_SOURCES, requires_review=False):
        source.requires_review = True
        instance_save(acting_user=None, instance=source)


def load_consultations(agencies: dict[str, Agency], users: dict[str, User], *, today: dt.date | None = None) -> int:
    """Idempotent. Returns how many enquiries were created."""
    today = today or django_timezone.localdate()
    offices = {s.agency_key for s in STAFF if s.role == Role.OFFICE and s.username in users}
    for key, agency in agencies.items():
        if key in offices:
            consultation_setup(acting_user=None, agency=agency)
    agency = agencies.get(BUREAU)
    staff = _bureau_staff(users)
    if agency is None or staff is None or Enquiry.objects.filter(agency=agency).exists():
        return 0
    before = Enquiry.objects.count()
    dates = _Dates()
    sources = {s.code: s for s in Source.objects.filter(agency=agency).exclude(code="")}
    player = _Player(
        agency=agency,
        staff=staff,
        dates=dates,
        today=today,
        rng=random.Random("gongkai-demo-consultations-play"),  # noqa: S311 - demo data, not security
        sources=sources,
        categories={c.name: c for c in Category.objects.filter(agency=agency)},
    )
    if not set(PER_YEAR) <= set(sources):  # the agency renamed or removed default sources: leave it alone
        return 0
    _review_mailbox(agency)
    for key in REVIEWED_SOURCES:
        sources[key].refresh_from_db()
    for case in _Planner(today, dates).plan():
        player.play(case)
    _to_application(player, dates, today)
    _from_application(player, dates, today)
    return Enquiry.objects.count() - before
