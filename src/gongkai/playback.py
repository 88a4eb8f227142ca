"""The moment services take as "now": normally the real clock; ``played_at`` replays recorded history
(the demo's past year, a paper register typed in later) so each step carries its own day.

Services read ``now()`` / ``today()`` from here instead of ``timezone.now()``; views never set it.
"""

import contextlib
import datetime as dt
from collections.abc import Iterator
from contextvars import ContextVar

from django.utils import timezone

_played_at: ContextVar[dt.datetime | None] = ContextVar("gongkai_played_at", default=None)


@contextlib.contextmanager
def played_at(moment: dt.datetime) -> Iterator[None]:
    """Run the services inside as if it were ``moment`` (aware datetime); restored on leaving."""
    if timezone.is_naive(moment):
        raise ValueError("played_at needs an aware datetime")
    token = _played_at.set(moment)
    try:
        yield
    finally:
        _played_at.reset(token)


def now() -> dt.datetime:
    return _played_at.get() or timezone.now()


def today() -> dt.date:
    return timezone.localdate(now())
