"""Abuse limits of the public side: online submissions and status-page lookups.

Submissions are counted from the database (``Application.submitted_from``, the keyed hash of the client
IP, and ``Application.identity_hash``), so the limits hold across worker processes and restarts. The
windows roll: "per hour" is the last 60 minutes, "per day" the last 24 hours. Two requests arriving at
the same instant may both pass the check; the limits are a brake on abuse, not an exact quota.

Failed status lookups (wrong code or secret) are counted in Django's cache per IP hash.

Settings (read here with defaults; none needs to be set):
``GONGKAI_APPLY_PER_IP_HOUR`` (5), ``GONGKAI_APPLY_PER_IP_DAY`` (20), ``GONGKAI_APPLY_PER_IDENTITY_DAY`` (10),
``GONGKAI_TRACK_FAILURES_PER_IP_HOUR`` (10).
"""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from gongkai.inforequests.models import Application
from gongkai.privacy.keys import lookup_hash
from gongkai.rules.outcomes import ApplicantType
from gongkai.rules.receipt import Channel

HOUR = dt.timedelta(hours=1)
DAY = dt.timedelta(days=1)
_FAILURE_KEY = "gongkai:track-failures:{}"


class RateLimited(Exception):  # noqa: N818 - reads as the condition it reports
    """Too many attempts; ``message`` (Chinese) says the limit and when to try again."""

    def __init__(self, message: str, retry_at: dt.datetime | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.retry_at = retry_at


@dataclass(frozen=True)
class _Limit:
    setting: str
    default: int
    window: dt.timedelta
    who: str  # 同一网络地址 / 同一申请人
    period: str  # 每小时 / 每天

    @property
    def allowed(self) -> int:
        return int(getattr(settings, self.setting, self.default))


PER_IP_HOUR = _Limit("GONGKAI_APPLY_PER_IP_HOUR", 5, HOUR, "同一网络地址", "每小时")
PER_IP_DAY = _Limit("GONGKAI_APPLY_PER_IP_DAY", 20, DAY, "同一网络地址", "每天（24小时内）")
PER_IDENTITY_DAY = _Limit("GONGKAI_APPLY_PER_IDENTITY_DAY", 10, DAY, "同一申请人", "每天（24小时内）")


def client_hash(ip: str | None) -> str:
    """The keyed hash of the client address, as stored in ``Application.submitted_from``."""
    return lookup_hash(ip or "")


def identity_hash_of(applicant_type: str, id_number: str, credit_code: str) -> str:
    """The identity hash the intake service will store: credit code for organisations, else the ID number."""
    try:
        is_organisation = ApplicantType(applicant_type).is_organisation
    except ValueError:
        return ""
    return lookup_hash((credit_code if is_organisation else id_number).strip())


def _when(moment: dt.datetime) -> str:
    local = timezone.localtime(moment)
    return f"{local.year}年{local.month}月{local.day}日 {local:%H:%M}"


def _check(limit: _Limit, submitted: list[dt.datetime], now: dt.datetime) -> None:
    """``submitted``: the submission times inside the longest window, oldest first."""
    inside = [moment for moment in submitted if moment > now - limit.window]
    allowed = limit.allowed
    if len(inside) < allowed:
        return
    # one more is allowed once enough of the oldest ones have left the window
    retry_at = inside[len(inside) - allowed] + limit.window if allowed > 0 else now + limit.window
    retry_at = retry_at.replace(second=0, microsecond=0) + dt.timedelta(minutes=1)
    raise RateLimited(
        f"提交过于频繁：{limit.who}{limit.period}最多在线提交{allowed}件申请。"
        f"本次申请未保存，请于{_when(retry_at)}以后再提交，或通过当面、邮寄等方式提出申请。",
        retry_at,
    )


def check_submission_allowed(*, ip_hash: str, identity_hash: str, now: dt.datetime | None = None) -> None:
    """Raise ``RateLimited`` when another online submission from this address or identity is too many."""
    now = now or timezone.now()
    if ip_hash:
        times = list(
            Application.objects.filter(submitted_from=ip_hash, submitted_at__gt=now - DAY)
            .order_by("submitted_at")
            .values_list("submitted_at", flat=True)
        )
        _check(PER_IP_HOUR, times, now)
        _check(PER_IP_DAY, times, now)
    if identity_hash:
        times = list(
            Application.objects.filter(
                identity_hash=identity_hash, channel=Channel.ONLINE.value, submitted_at__gt=now - DAY
            )
            .order_by("submitted_at")
            .values_list("submitted_at", flat=True)
        )
        _check(PER_IDENTITY_DAY, times, now)


# --- status lookups --------------------------------------------------------------------------------


def _failures_allowed() -> int:
    return int(getattr(settings, "GONGKAI_TRACK_FAILURES_PER_IP_HOUR", 10))


def check_lookup_allowed(ip_hash: str) -> None:
    """Raise ``RateLimited`` after too many failed status lookups from this address in the last hour."""
    if cache.get(_FAILURE_KEY.format(ip_hash), 0) >= _failures_allowed():
        raise RateLimited(
            f"查询失败次数过多：同一网络地址每小时最多可输错{_failures_allowed()}次查询码或查询密码。请一小时后再试。"
        )


def record_lookup_failure(ip_hash: str) -> None:
    key = _FAILURE_KEY.format(ip_hash)
    if not cache.add(key, 1, timeout=int(HOUR.total_seconds())):
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=int(HOUR.total_seconds()))
