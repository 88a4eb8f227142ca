"""The public search page: one page of results for the query and filters in the address, the count,
the next page by keyset cursor (``after``), a 繁体 suggestion. Only what ``gongkai.search`` indexed
(published, public content of active agencies) can ever show here.

Invalid parameters show their errors (status 400) and run no search.
"""

from urllib.parse import urlencode

from django.shortcuts import render

from gongkai.portal.forms_search import FILTER_FIELDS, SearchForm
from gongkai.search import selectors


def _address(params: dict[str, object]) -> str:
    """``?…`` of the non-empty ``params`` (the search page's own address)."""
    return "?" + urlencode({name: value for name, value in params.items() if value not in ("", None)})


def search(request):
    form = SearchForm(request.GET or None)
    context: dict[str, object] = {"form": form, "count_cap": f"{selectors.COUNT_CAP:,}"}
    if not form.is_bound:
        return render(request, "portal/search.html", context)
    if not form.is_valid():
        return render(request, "portal/search.html", context, status=400)
    data = form.cleaned_data
    result = selectors.search_page(data["q"], form.filters(), after=data["after"])
    params = {"q": result.q, **{name: request.GET.get(name, "").strip() for name in FILTER_FIELDS}}
    context.update(
        result=result,
        node=data["node"],
        topic=data["topic"],
        total=f"{result.total:,}",
        has_filters=form.has_filters(),
        next_url=_address({**params, "after": result.next_after}) if result.next_after else "",
        first_url=_address(params) if data["after"] else "",
        suggestion_url=_address({**params, "q": result.suggestion}) if result.suggestion else "",
        unfiltered_url=_address({"q": result.q}),
    )
    return render(request, "portal/search.html", context)
