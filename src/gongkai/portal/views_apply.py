"""Public side of applications for disclosure: the online form, the done page, the status lookup and page.

The tracking code and secret are shown once (kept in the session for the done page, never in a URL).
The status page needs the secret once per session: a successful lookup stores the application id in the
session. Pages with personal data or the secret are never cached.
"""

import logging
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from gongkai.agencies.selectors import agency_get_public
from gongkai.inforequests.letter_selectors import letters_for_applicant
from gongkai.inforequests.public_selectors import (
    applicant_clock,
    applicant_summary,
    applicant_timeline,
    application_for_secret,
    application_for_tracking,
    correction_notice,
    normalise_code,
)
from gongkai.inforequests.ratelimit import (
    RateLimited,
    check_submission_allowed,
    client_hash,
    identity_hash_of,
)
from gongkai.inforequests.services.corrections import correction_submit_online
from gongkai.portal.forms_apply import GENERIC_ERROR, ApplyForm, TrackForm
from gongkai.portal.tracking import lookup, proved, remember, take_once

logger = logging.getLogger(__name__)

SESSION_DONE = "gongkai_apply_done"
SESSION_TRACKED = "gongkai_tracked"
LOOKUP_FAILED = "查询码或查询密码不正确，请核对后重试。查询密码遗失的，请联系受理机关的政府信息公开工作机构。"


def _max_body_bytes() -> int:
    return int(getattr(settings, "GONGKAI_APPLY_MAX_BODY_BYTES", 100 * 1024))


def _body_too_large(request) -> bool:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > _max_body_bytes()
    except ValueError:
        return True


def _form_page(request, agency, form, status: int = 200):
    return render(request, "portal/apply_form.html", {"agency": agency, "form": form}, status=status)


def _try_submit(request, agency, form: ApplyForm) -> tuple[int, tuple | None]:
    """The checks in order, then the intake service: (HTTP status for a re-rendered form, result)."""
    if form.is_robot():
        logger.info("online application refused: honeypot filled")
        form.is_valid()
        form.add_error(None, GENERIC_ERROR)
        return 400, None
    if not form.is_valid():
        return 200, None
    ip_hash = client_hash(request.META.get("REMOTE_ADDR"))
    data = form.cleaned_data
    try:
        check_submission_allowed(
            ip_hash=ip_hash,
            identity_hash=identity_hash_of(data["applicant_type"], data["id_number"], data["credit_code"]),
        )
    except RateLimited as limited:
        form.add_error(None, limited.message)
        return 429, None
    status_url = request.build_absolute_uri(reverse("portal:track"))
    return 200, form.submit(agency=agency, submitted_from=ip_hash, status_url=status_url)


@never_cache
@require_http_methods(["GET", "POST"])
def apply(request, agency_id: int):
    agency = agency_get_public(agency_id)
    if request.method == "GET":
        return _form_page(request, agency, ApplyForm())
    if _body_too_large(request):
        context = {"agency": agency, "limit_kb": _max_body_bytes() // 1024}
        return render(request, "portal/apply_too_large.html", context, status=413)
    form = ApplyForm(request.POST)
    status, result = _try_submit(request, agency, form)
    if result is None:
        return _form_page(request, agency, form, status=status)
    application, secret = result
    request.session[SESSION_DONE] = {
        "agency_id": agency.pk,
        "code": application.tracking_code,
        "secret": secret,
        "emailed": bool(application.email),
    }
    remember(request, SESSION_TRACKED, application.pk)
    return redirect("portal:apply_done", agency.pk)


@never_cache
def apply_done(request, agency_id: int):
    """Shows the tracking code and secret once: they leave the session as the page is rendered."""
    agency = agency_get_public(agency_id)
    done = take_once(request, SESSION_DONE, agency.pk)
    return render(request, "portal/apply_done.html", {"agency": agency, "done": done})


@never_cache
@require_http_methods(["GET", "POST"])
def track_lookup(request):
    if request.method == "GET":
        form = TrackForm(initial={"code": normalise_code(request.GET.get("code", ""))[:30]})
        return render(request, "portal/status_lookup.html", {"form": form})
    return lookup(
        request,
        TrackForm(request.POST),
        template="portal/status_lookup.html",
        find=application_for_secret,
        session_key=SESSION_TRACKED,
        status_url_name="portal:track_status",
        failed=LOOKUP_FAILED,
    )


@never_cache
def track_status(request, code: str):
    application = application_for_tracking(code)
    if application is None or not proved(request, SESSION_TRACKED, application.pk):
        return redirect(f"{reverse('portal:track')}?{urlencode({'code': normalise_code(code)[:30]})}")
    return render(
        request,
        "portal/status.html",
        {
            "agency": application.agency,
            "application": application,
            "summary": applicant_summary(application),
            "timeline": applicant_timeline(application),
            "clock": applicant_clock(application),
            "letters": letters_for_applicant(application),
            "correction": correction_notice(application),
            "correction_errors": [],
        },
    )


@never_cache
@require_http_methods(["POST"])
def track_correction(request, code: str):
    """The applicant submits the correction asked for (Art. 30) from the status page."""
    application = application_for_tracking(code)
    if application is None or not proved(request, SESSION_TRACKED, application.pk):
        return redirect(f"{reverse('portal:track')}?{urlencode({'code': normalise_code(code)[:30]})}")
    if _body_too_large(request):
        return render(request, "portal/apply_too_large.html", status=413)
    try:
        correction_submit_online(application=application, text=request.POST.get("text", ""))
    except ValidationError as exc:
        return render(
            request,
            "portal/status.html",
            {
                "agency": application.agency,
                "application": application,
                "summary": applicant_summary(application),
                "timeline": applicant_timeline(application),
                "clock": applicant_clock(application),
                "letters": letters_for_applicant(application),
                "correction": correction_notice(application),
                "correction_errors": exc.messages,
                "correction_text": request.POST.get("text", ""),
            },
            status=400,
        )
    return redirect("portal:track_status", application.tracking_code)


@never_cache
def track_letter(request, code: str, letter_id: int):
    """The stored PDF of an issued letter addressed to the applicant, for the session that proved the secret."""
    application = application_for_tracking(code)
    if application is None or not proved(request, SESSION_TRACKED, application.pk):
        raise Http404("未找到该文书")
    letter = next((item for item in letters_for_applicant(application) if item.pk == letter_id), None)
    if letter is None or not letter.pdf:
        raise Http404("未找到该文书")
    return FileResponse(
        letter.pdf.open("rb"), as_attachment=True, filename=f"{letter.number}.pdf", content_type="application/pdf"
    )
