from django.shortcuts import render

from gongkai.agencies.selectors import agency_children_public, agency_get_public, agency_list_public


def home(request):
    return render(request, "portal/home.html", {"agencies": agency_list_public()})


def agency_detail(request, agency_id: int):
    agency = agency_get_public(agency_id)
    return render(
        request,
        "portal/agency_detail.html",
        {"agency": agency, "children": agency_children_public(agency)},
    )
