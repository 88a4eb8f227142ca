"""Abuse limits of the public enquiry form and status page, as for applications (``inforequests.ratelimit``).

Submissions are counted from the database (``Enquiry.submitted_from``, the keyed hash of the client IP),
so the limits hold across worker processes and restarts; the windows roll (the last 60 minutes, the last
24 hours). Failed status lookups (wrong code or password) share the per-IP counter of the applications'
status page: one budget of wrong guesses per address, whichever page is guessed at.

Settings (read here with defaults; none needs to be set):
``GONGKAI_ENQUIRY_PER_IP_HOUR`` (5), ``GONGKAI_ENQUIRY_PER_IP_DAY`` (20),
``GONGKAI_TRACK_FAILURES_PER_IP_HOUR`` (10, shared with applications).
"""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from gongkai.consultations.models import Enquiry
from gongkai.inforequests.ratelimit import (
    DAY,
    HOUR,
    RateLimited,
    check_lookup_allowed,
    client_hash,
    record_lookup_failure,
)

__all__ = [
    "PER_IP_DAY",
    "PER_IP_HOUR",
    "RateLimited",
    "check_lookup_allowed",
    "check_submission_allowed",
    "client_hash",
    "record_lookup_failure",
]


@dataclass(frozen=True)
class _Limit:
    setting: str
    default: int
    window: dt.timedelta
    period: str

    @property
    def allowed(self) -> int:
        return int(getattr(settings, self.setting, self.default))


PER_IP_HOUR = _Limit("GONGKAI_ENQUIRY_PER_IP_HOUR", 5, HOUR, "每小时")
PER_IP_DAY = _Limit("GONGKAI_ENQUIRY_PER_IP_DAY", 20, DAY, "每天（24小时内）")


def _when(moment: dt.datetime) -> str:
    local = timezone.localtime(moment)
    return f"{local.year}年{local.month}月{local.day}日 {local:%H:%M}"


def _check(limit: _Limit, submitted: list[dt.datetime], now: dt.datetime) -> None:
    inside = [moment for moment in submitted if moment > now - limit.window]
    allowed = limit.allowed
    if len(inside) < allowed:
        return
    retry_at = inside[len(inside) - allowed] + limit.window if allowed > 0 else now + limit.window
    retry_at = retry_at.replace(second=0, microsecond=0) + dt.timedelta(minutes=1)
    raise RateLimited(
        f"提交过于频繁：同一网络地址{limit.period}最多在线提交{allowed}条咨询留言。"
        f"本次留言未保存，请于{_when(retry_at)}以后再提交，或拨打咨询电话。",
        retry_at,
    )


def check_submission_allowed(*, ip_hash: str, now: dt.datetime | None = None) -> None:
    """Raise ``RateLimited`` when another online enquiry from this address is too many."""
    if not ip_hash:
        return
    now = now or timezone.now()
    times = list(
        Enquiry.objects.filter(submitted_from=ip_hash, submitted_at__gt=now - DAY)
        .order_by("submitted_at")
        .values_list("submitted_at", flat=True)
    )
    _check(PER_IP_HOUR, times, now)
    _check(PER_IP_DAY, times, now)
