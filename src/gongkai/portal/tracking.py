"""The password-less status pages' session steps, shared by applications and enquiries.

A session proves a record's secret once (on submission or by a lookup with code + secret) and keeps the
ids it proved under a key per kind of record. The tracking code and secret after a submission are kept
in the session for exactly one rendering of the done page, never in a URL.
"""

from collections.abc import Callable
from typing import Any

from django import forms
from django.http import HttpResponse
from django.shortcuts import redirect, render

from gongkai.inforequests.ratelimit import RateLimited, check_lookup_allowed, client_hash, record_lookup_failure

TRACKED_KEPT = 20  # the ids one session remembers per kind of record


def remember(request, key: str, pk: int) -> None:
    """The session has proved the secret of record ``pk`` (after submission or a lookup)."""
    tracked = [seen for seen in request.session.get(key, []) if seen != pk]
    request.session[key] = [*tracked, pk][-TRACKED_KEPT:]


def proved(request, key: str, pk: int) -> bool:
    return pk in request.session.get(key, [])


def take_once(request, key: str, agency_id: int) -> dict[str, Any] | None:
    """What the submission left for the done page of ``agency_id``; gone from the session once read."""
    done = request.session.get(key)
    if done and done.get("agency_id") == agency_id:
        del request.session[key]
        return done
    return None


def lookup(
    request,
    form: forms.Form,
    *,
    template: str,
    find: Callable[[str, str], Any],
    session_key: str,
    status_url_name: str,
    failed: str,
) -> HttpResponse:
    """POST of a lookup form (code + secret): limited per address; the same message for an unknown code
    and a wrong secret; on success the session is renewed and remembers the record."""
    ip_hash = client_hash(request.META.get("REMOTE_ADDR"))
    try:
        check_lookup_allowed(ip_hash)
    except RateLimited as limited:
        form.add_error(None, limited.message)
        return render(request, template, {"form": form}, status=429)
    if form.is_valid():
        record = find(form.cleaned_data["code"], form.cleaned_data["secret"])
        if record is not None:
            request.session.cycle_key()
            remember(request, session_key, record.pk)
            return redirect(status_url_name, record.tracking_code)
        record_lookup_failure(ip_hash)
        form.add_error(None, failed)
    return render(request, template, {"form": form})
