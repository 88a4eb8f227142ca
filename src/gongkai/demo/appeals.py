"""Demo review and litigation cases over the demo applications of the city bureau (示范市教育局).

Played through ``appeals.services`` with past dates, after ``load_applications``: last year a review
maintained and then challenged in court (litigation after review), a review that corrected a partial
disclosure (the application is handled again through ``application_reopen`` and answered anew), a review
withdrawn by the applicant, and a review filed in December still pending at the year's end and decided
this year; this year a review whose answer is due in a few working days. Steps that would fall after
``today`` are left undone, so the cases are open where the calendar says they must be.

Deterministic (applications are chosen by outcome and date, in id order) and idempotent: an agency that
already has cases is left as it is.
"""

import contextlib
import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from gongkai.accounts.models import User
from gongkai.agencies.models import Agency
from gongkai.appeals.kinds import CaseKind, DecisionType
from gongkai.appeals.models import AppealCase
from gongkai.appeals.services.cases import (
    case_accept,
    case_copy_received,
    case_decide,
    case_defence_submit,
    case_hearing_set,
    case_register,
    case_withdraw,
)
from gongkai.inforequests.models import Application
from gongkai.inforequests.services.decisions import application_decide, application_deliver
from gongkai.inforequests.services.reopen import application_reopen
from gongkai.workcalendar.selectors import work_calendar

REVIEW_BODY = "示范市人民政府"
COURT = "示范市中级人民法院"
REFUSALS = ("refused_process_info", "refused_internal_affairs", "refused_third_party_rights", "needs_creation")
_DELIVERY = {"post": "post", "email": "email", "online": "online", "collect": "collected"}


class _Later(Exception):  # noqa: N818 - control flow, not an error
    """The next step falls after today: the case stays as it is."""


@dataclass
class _Play:
    office: User
    today: dt.date
    used: set[int] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.calendar = work_calendar()

    def add(self, day: dt.date, n: int) -> dt.date:
        return self.calendar.add_workdays(day, n, warn=False)

    def workday(self, day: dt.date) -> dt.date:
        """``day`` if it is a working day, else the next one."""
        return day if self.add(self.add(day, -1), 1) == day else self.add(day, 1)

    def due(self, day: dt.date) -> dt.date:
        if day > self.today:
            raise _Later
        return day

    def pick(self, agency: Agency, outcomes: tuple[str, ...], low: dt.date, high: dt.date) -> Application | None:
        """The first closed application with one of ``outcomes`` decided between ``low`` and ``high``."""
        found = (
            Application.objects.filter(
                agency=agency, state="closed", outcome__in=outcomes, decided_on__gte=low, decided_on__lte=high
            )
            .exclude(pk__in=self.used)
            .order_by("decided_on", "pk")
            .first()
        )
        if found is not None:
            self.used.add(found.pk)
        return found


def _register(play: _Play, agency: Agency, application: Application, filed: dt.date, **extra) -> AppealCase:
    return case_register(
        acting_user=play.office,
        agency=agency,
        kind=extra.pop("kind", CaseKind.REVIEW.value),
        filed_on=play.due(filed),
        body_name=extra.pop("body_name", REVIEW_BODY),
        applications=[application],
        **extra,
    )


def _course(play: _Play, case: AppealCase, *, accepted: dt.date, copy: dt.date, defence: dt.date) -> AppealCase:
    """Accepted, copy received, answer submitted: each on its day unless that day is still to come."""
    for service, day in ((case_accept, accepted), (case_copy_received, copy), (case_defence_submit, defence)):
        case = service(acting_user=play.office, case=case, on=play.due(day))
    return case


def _maintained_then_sued(play: _Play, agency: Agency, year: int) -> None:
    """A refusal maintained on review; the applicant then sues (复议后起诉) and the court rejects the claims."""
    application = play.pick(agency, REFUSALS, dt.date(year, 1, 1), dt.date(year, 7, 31))
    if application is None:
        return
    filed = play.workday(application.decided_on + dt.timedelta(days=25))
    review = _register(
        play,
        agency,
        application,
        filed,
        reference=f"示府复〔{year}〕8号",
        claims="请求撤销被申请人作出的政府信息公开申请答复，责令被申请人公开所申请的信息。",
    )
    accepted = play.add(filed, 3)
    copy = play.add(accepted, 3)
    review = _course(play, review, accepted=accepted, copy=copy, defence=play.add(copy, 7))
    decided = play.add(accepted, 40)
    received = play.add(decided, 2)
    review = case_decide(
        acting_user=play.office,
        case=review,
        decision_type=DecisionType.REVIEW_MAINTAIN.value,
        decided_on=play.due(decided),
        decision_received_on=play.due(received),
        summary="被申请人作出的答复认定事实清楚，适用依据正确，程序合法，内容适当，决定维持。",
    )
    sued = play.workday(received + dt.timedelta(days=10))
    case = case_register(
        acting_user=play.office,
        agency=agency,
        kind=CaseKind.LITIGATION_AFTER_REVIEW.value,
        filed_on=play.due(sued),
        body_name=COURT,
        applications=[application],
        review_case=review,
        reference=f"（{sued.year}）示01行初23号",
        claims="请求撤销被告作出的答复及行政复议决定，判令被告公开所申请的信息。",
    )
    accepted = play.add(sued, 5)
    copy = play.add(accepted, 3)
    case = _course(play, case, accepted=accepted, copy=copy, defence=copy + dt.timedelta(days=12))
    hearing = play.add(accepted, 30)
    case = case_hearing_set(acting_user=play.office, case=case, on=play.due(hearing))
    case_decide(
        acting_user=play.office,
        case=case,
        decision_type=DecisionType.COURT_REJECT_CLAIMS.value,
        decided_on=play.due(play.add(hearing, 15)),
        decision_received_on=play.due(play.add(hearing, 18)),
        summary="一审判决驳回原告的诉讼请求；双方均未上诉，判决已生效。",
    )


def _corrected_and_reopened(play: _Play, agency: Agency, year: int) -> None:
    """A partial disclosure revoked on review with an order to answer again: handled as a new application."""
    application = play.pick(agency, ("partially_granted",), dt.date(year, 1, 1), dt.date(year, 5, 31))
    if application is None:
        return
    filed = play.workday(application.decided_on + dt.timedelta(days=20))
    reference = f"示府复〔{year}〕15号"
    case = _register(
        play,
        agency,
        application,
        filed,
        reference=reference,
        claims="请求撤销被申请人作出的部分公开答复，责令被申请人公开全部所申请的信息。",
    )
    accepted = play.add(filed, 3)
    copy = play.add(accepted, 3)
    case = _course(play, case, accepted=accepted, copy=copy, defence=play.add(copy, 8))
    decided = play.add(accepted, 45)
    received = play.add(decided, 2)
    case_decide(
        acting_user=play.office,
        case=case,
        decision_type=DecisionType.REVIEW_REVOKE.value,
        decided_on=play.due(decided),
        decision_received_on=play.due(received),
        summary="被申请人对不予公开部分的理由说明不充分，决定撤销该答复，责令被申请人自收到本决定书之日起20个工作日内"
        "重新答复。",
    )
    new = application_reopen(
        acting_user=play.office,
        application=application,
        reason=f"{REVIEW_BODY}{reference}行政复议决定撤销原答复，责令重新答复。",
        on=received,
    )
    answered = play.due(play.add(received, 10))
    new = application_decide(acting_user=play.office, application=new, outcome="granted", decided_on=answered)
    method = _DELIVERY[new.delivery_wanted]
    ref = {"post": f"EMS{9_900_000_000_000 + new.pk}", "collected": "申请人到政府信息公开查阅室领取"}.get(method, "")
    application_deliver(
        acting_user=play.office, application=new, method=method, on=play.due(play.add(answered, 1)), ref=ref
    )


def _withdrawn(play: _Play, agency: Agency, year: int) -> None:
    """A review withdrawn after the agency explained its search: 其他结果."""
    application = play.pick(agency, ("not_held",), dt.date(year, 2, 1), dt.date(year, 8, 31))
    if application is None:
        return
    filed = play.workday(application.decided_on + dt.timedelta(days=30))
    case = _register(
        play, agency, application, filed, reference=f"示府复〔{year}〕21号", claims="请求确认被申请人的答复违法。"
    )
    accepted = play.add(filed, 3)
    copy = play.add(accepted, 3)
    defence = play.add(copy, 9)
    case = _course(play, case, accepted=accepted, copy=copy, defence=defence)
    case_withdraw(
        acting_user=play.office,
        case=case,
        on=play.due(play.add(defence, 10)),
        note="被申请人补充说明检索情况后，申请人撤回行政复议申请，复议机关准予撤回并终止行政复议。",
    )


def _pending_at_year_end(play: _Play, agency: Agency, year: int) -> None:
    """Filed in December, decided next year: 尚未审结 in last year's table 四, 结果维持 in this year's."""
    outcomes = ("not_held", *REFUSALS)
    application = play.pick(agency, outcomes, dt.date(year, 10, 1), dt.date(year, 12, 31)) or play.pick(
        agency, outcomes, dt.date(year, 1, 1), dt.date(year, 12, 31)
    )
    if application is None:
        return
    filed = min(max(application.decided_on + dt.timedelta(days=25), dt.date(year, 12, 1)), dt.date(year, 12, 18))
    filed = max(play.workday(filed), application.decided_on)
    case = _register(
        play,
        agency,
        application,
        filed,
        reference=f"示府复〔{year}〕37号",
        claims="请求撤销被申请人作出的答复，责令被申请人重新答复。",
    )
    accepted = play.add(filed, 3)
    copy = play.add(accepted, 3)
    case = _course(play, case, accepted=accepted, copy=copy, defence=play.add(copy, 8))
    decided = play.add(accepted, 40)
    case_decide(
        acting_user=play.office,
        case=case,
        decision_type=DecisionType.REVIEW_REJECT_CLAIMS.value,
        decided_on=play.due(decided),
        decision_received_on=play.due(play.add(decided, 2)),
        summary="被申请人已履行检索和告知义务，申请人的复议请求不能成立，决定驳回。",
    )


def _current(play: _Play, agency: Agency) -> None:
    """This year's review: the copy came eight working days ago, the answer is due in two."""
    copy = play.add(play.today, -8)
    filed = play.add(copy, -6)
    outcomes = ("not_held", "partially_granted", *REFUSALS)
    # answered within the sixty days in which a review may be applied for, else any answered last year or since
    application = play.pick(agency, outcomes, filed - dt.timedelta(days=60), filed) or play.pick(
        agency, outcomes, dt.date(play.today.year - 1, 1, 1), filed
    )
    if application is None:
        return
    case = _register(
        play,
        agency,
        application,
        filed,
        reference=f"示府复〔{filed.year}〕6号",
        claims="请求撤销被申请人作出的答复，责令被申请人公开所申请的信息。",
    )
    case = case_accept(acting_user=play.office, case=case, on=play.add(copy, -2))
    case_copy_received(acting_user=play.office, case=case, on=copy)


def load_appeals(agencies: dict[str, Agency], users: dict[str, User], *, today: dt.date | None = None) -> int:
    """Idempotent: nothing is added when the city bureau already has cases. Returns how many were created."""
    agency = agencies.get("bureau")
    office = users.get("office")
    if agency is None or office is None or AppealCase.objects.filter(agency=agency).exists():
        return 0
    today = today or timezone.localdate()
    before = AppealCase.objects.count()
    play = _Play(office=office, today=today)
    # applications already handled again or already in a case stay out
    play.used |= set(
        Application.objects.filter(Q(reopenings__isnull=False) | Q(appeal_cases__isnull=False)).values_list(
            "pk", flat=True
        )
    )
    last_year = today.year - 1
    for scenario in (_maintained_then_sued, _corrected_and_reopened, _withdrawn, _pending_at_year_end):
        with contextlib.suppress(_Later):
            scenario(play, agency, last_year)
    with contextlib.suppress(_Later):
        _current(play, agency)
    return AppealCase.objects.count() - before
