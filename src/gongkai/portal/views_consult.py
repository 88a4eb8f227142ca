"""Public side of consultations (咨询 / 局长信箱 / 网站留言): the message form, the done page, the status
lookup and page with the rating of a reply, and the published questions and answers.

As for applications (``views_apply``): the tracking code and the password are shown once (kept in the
session for the done page, never in a URL); the status page needs the password once per session (a
successful lookup stores the enquiry id in the session); pages with personal data or the password are
never cached. The published questions and answers show only the cleaned public texts.
"""

import logging
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.agencies.models import Agency
from gongkai.agencies.selectors import agency_get_public
from gongkai.consultations.models import Enquiry
from gongkai.consultations.ratelimit import (
    RateLimited,
    check_submission_allowed,
    client_hash,
)
from gongkai.consultations.selectors import (
    asker_may_rate,
    asker_summary,
    asker_timeline,
    enquiry_for_code,
    enquiry_for_tracking,
    public_sources,
    published_enquiry,
    published_page,
)
from gongkai.consultations.services.rating import enquiry_rate
from gongkai.inforequests.public_selectors import normalise_code
from gongkai.portal.forms_consult import GENERIC_ERROR, AskForm, AskTrackForm, RateForm, add_service_errors
from gongkai.portal.tracking import lookup, proved, remember, take_once
from gongkai.workdays.explain import chinese_date

logger = logging.getLogger(__name__)

SESSION_DONE = "gongkai_ask_done"
SESSION_TRACKED = "gongkai_enquiries_tracked"
LOOKUP_FAILED = "查询码或查询密码不正确，请核对后重试。查询密码遗失的，请联系受理机关。"
ANSWERS_PER_PAGE = 20


def _max_body_bytes() -> int:
    return int(getattr(settings, "GONGKAI_ASK_MAX_BODY_BYTES", 64 * 1024))


def _body_too_large(request) -> bool:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > _max_body_bytes()
    except ValueError:
        return True


def _tracked(request, code: str) -> Enquiry | None:
    """The enquiry of ``code`` if this session proved its password, else ``None``."""
    enquiry = enquiry_for_code(code)
    if enquiry is None or not proved(request, SESSION_TRACKED, enquiry.pk):
        return None
    return enquiry


def _to_lookup(code: str):
    return redirect(f"{reverse('portal:ask_track')}?{urlencode({'code': normalise_code(code)[:30]})}")


# --- the message form ------------------------------------------------------------------------------


def _form_page(request, agency: Agency, form: AskForm | None, status: int = 200):
    return render(request, "portal/consult_form.html", {"agency": agency, "form": form}, status=status)


def _try_submit(request, agency: Agency, form: AskForm) -> tuple[int, tuple | None]:
    """The checks in order, then the intake service: (HTTP status for a re-rendered form, result)."""
    if form.is_robot():
        logger.info("online enquiry refused: honeypot filled")
        form.is_valid()
        form.add_error(None, GENERIC_ERROR)
        return 400, None
    if not form.is_valid():
        return 200, None
    ip_hash = client_hash(request.META.get("REMOTE_ADDR"))
    try:
        check_submission_allowed(ip_hash=ip_hash)
    except RateLimited as limited:
        form.add_error(None, limited.message)
        return 429, None
    status_url = request.build_absolute_uri(reverse("portal:ask_track"))
    result = form.submit(agency=agency, submitted_from=ip_hash, status_url=status_url)
    return 200, result


@never_cache
@require_http_methods(["GET", "POST"])
def ask(request, agency_id: int):
    agency = agency_get_public(agency_id)
    sources = public_sources(agency)
    if not sources.exists():
        return _form_page(request, agency, None)
    if request.method == "GET":
        initial = {}
        chosen = request.GET.get("source", "")
        if chosen.isdigit() and sources.filter(pk=int(chosen)).exists():
            initial["source"] = int(chosen)
        return _form_page(request, agency, AskForm(sources=sources, initial=initial))
    if _body_too_large(request):
        context = {"agency": agency, "limit_kb": _max_body_bytes() // 1024}
        return render(request, "portal/consult_too_large.html", context, status=413)
    form = AskForm(request.POST, sources=sources)
    status, result = _try_submit(request, agency, form)
    if result is None:
        return _form_page(request, agency, form, status=status)
    enquiry, secret = result
    request.session[SESSION_DONE] = {
        "agency_id": agency.pk,
        "code": enquiry.tracking_code,
        "secret": secret,
        "source": enquiry.source.name,
        "due_on": chinese_date(enquiry.due_on),
        "emailed": bool(enquiry.email),
    }
    remember(request, SESSION_TRACKED, enquiry.pk)
    return redirect("portal:ask_done", agency.pk)


@never_cache
def ask_done(request, agency_id: int):
    """Shows the tracking code and password once: they leave the session as the page is rendered."""
    agency = agency_get_public(agency_id)
    done = take_once(request, SESSION_DONE, agency.pk)
    return render(request, "portal/consult_done.html", {"agency": agency, "done": done})


# --- the status page -------------------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
def ask_track(request):
    if request.method == "GET":
        form = AskTrackForm(initial={"code": normalise_code(request.GET.get("code", ""))[:30]})
        return render(request, "portal/consult_track.html", {"form": form})
    return lookup(
        request,
        AskTrackForm(request.POST),
        template="portal/consult_track.html",
        find=enquiry_for_tracking,
        session_key=SESSION_TRACKED,
        status_url_name="portal:ask_status",
        failed=LOOKUP_FAILED,
    )


def _status_page(
    request, enquiry: Enquiry, rate_form: RateForm | None = None, *, notice: str = "", status: int = 200
) -> HttpResponse:
    may_rate = asker_may_rate(enquiry)
    context = {
        "notice": notice,
        "agency": enquiry.agency,
        "enquiry": enquiry,
        "summary": asker_summary(enquiry),
        "timeline": asker_timeline(enquiry),
        "answered": enquiry.enquiry_state.is_answered,
        "may_rate": may_rate,
        "rate_form": (rate_form or RateForm()) if may_rate else None,
    }
    return render(request, "portal/consult_status.html", context, status=status)


@never_cache
def ask_status(request, code: str):
    enquiry = _tracked(request, code)
    if enquiry is None:
        return _to_lookup(code)
    return _status_page(request, enquiry)


@never_cache
@require_POST
def ask_rate(request, code: str):
    """The asker rates the latest reply from the status page, once per reply."""
    enquiry = _tracked(request, code)
    if enquiry is None:
        return _to_lookup(code)
    if _body_too_large(request):
        return HttpResponse("提交的内容过大。", status=413, content_type="text/plain; charset=utf-8")
    form = RateForm(request.POST)
    if not form.is_valid():
        return _status_page(request, enquiry, form, status=400)
    try:
        enquiry_rate(enquiry=enquiry, rating=form.cleaned_data["rating"], comment=form.cleaned_data["comment"])
    except ValidationError as error:
        enquiry.refresh_from_db()
        if not asker_may_rate(enquiry):  # rated already (a second tab, a double click): say so
            return _status_page(request, enquiry, notice="".join(error.messages), status=409)
        add_service_errors(form, error)
        return _status_page(request, enquiry, form, status=400)
    return redirect(f"{reverse('portal:ask_status', args=[enquiry.tracking_code])}#rating")


# --- published questions and answers ---------------------------------------------------------------


def answers(request, agency_id: int):
    """The agency's published questions and answers, newest first, with search."""
    agency = agency_get_public(agency_id)
    q = request.GET.get("q", "").strip()[:100]
    page = published_page(agency, request.GET.get("page"), per_page=ANSWERS_PER_PAGE, q=q)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "agency": agency,
        "page": page,
        "q": q,
        "query": query.urlencode(),
        "can_ask": public_sources(agency).exists(),
    }
    return render(request, "portal/consult_answers.html", context)


def answer(request, agency_id: int, enquiry_id: int):
    agency = agency_get_public(agency_id)
    enquiry = published_enquiry(agency, enquiry_id)
    return render(request, "portal/consult_answer.html", {"agency": agency, "enquiry": enquiry})
