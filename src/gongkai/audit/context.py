"""Per-request context (source IP) that audit services read without views passing it down."""

from contextvars import ContextVar

source_ip: ContextVar[str | None] = ContextVar("gongkai_source_ip", default=None)
