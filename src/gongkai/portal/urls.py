from django.contrib.sitemaps.views import sitemap
from django.urls import path

from gongkai.portal import views, views_apply, views_consult, views_data, views_guides, views_reports, views_search
from gongkai.portal.feeds import AgencyFeed
from gongkai.portal.sitemaps import SITEMAPS

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views_search.search, name="search"),
    path("agencies/<int:agency_id>/", views.agency_detail, name="agency"),
    path("agencies/<int:agency_id>/guide/", views.guide, name="guide"),
    path("agencies/<int:agency_id>/catalog/", views.catalog, name="catalog"),
    path("agencies/<int:agency_id>/catalog/<int:node_id>/", views.catalog, name="catalog_node"),
    path("agencies/<int:agency_id>/items/<int:item_id>/", views.item_detail, name="item"),
    path(
        "agencies/<int:agency_id>/items/<int:item_id>/attachments/<int:attachment_id>/",
        views.attachment_download,
        name="attachment",
    ),
    path("agencies/<int:agency_id>/items/<int:item_id>/data/", views_data.datalist_table, name="datalist"),
    path("agencies/<int:agency_id>/items/<int:item_id>/data.csv", views_data.datalist_csv, name="datalist_csv"),
    path("agencies/<int:agency_id>/items/<int:item_id>/data.xlsx", views_data.datalist_xlsx, name="datalist_xlsx"),
    path("agencies/<int:agency_id>/lookup/<slug:kind>/", views_data.datalist_lookup, name="datalist_lookup"),
    path("agencies/<int:agency_id>/feed/", AgencyFeed(), name="feed"),
    path("agencies/<int:agency_id>/catalog/<int:node_id>/feed/", AgencyFeed(), name="node_feed"),
    path("agencies/<int:agency_id>/apply/", views_apply.apply, name="apply"),
    path("agencies/<int:agency_id>/apply/done/", views_apply.apply_done, name="apply_done"),
    path("track/", views_apply.track_lookup, name="track"),
    path("track/<str:code>/", views_apply.track_status, name="track_status"),
    path("track/<str:code>/correction/", views_apply.track_correction, name="track_correction"),
    path("track/<str:code>/letters/<int:letter_id>.pdf", views_apply.track_letter, name="track_letter"),
    path("agencies/<int:agency_id>/ask/", views_consult.ask, name="ask"),
    path("agencies/<int:agency_id>/ask/done/", views_consult.ask_done, name="ask_done"),
    path("ask/track/", views_consult.ask_track, name="ask_track"),
    path("ask/track/<str:code>/", views_consult.ask_status, name="ask_status"),
    path("ask/track/<str:code>/rate/", views_consult.ask_rate, name="ask_rate"),
    path("agencies/<int:agency_id>/answers/", views_consult.answers, name="answers"),
    path("agencies/<int:agency_id>/answers/<int:enquiry_id>/", views_consult.answer, name="answer"),
    path("agencies/<int:agency_id>/reports/", views_reports.reports, name="reports"),
    path("agencies/<int:agency_id>/reports/<int:year>/", views_reports.report, name="report"),
    path(
        "agencies/<int:agency_id>/reports/<int:year>/download/<slug:fmt>/",
        views_reports.report_download,
        name="report_download",
    ),
    path("agencies/<int:agency_id>/guides/", views_guides.guides, name="service_guides"),
    path("agencies/<int:agency_id>/guides/<int:matter_id>/", views_guides.guide, name="service_guide"),
    path(
        "agencies/<int:agency_id>/guides/<int:matter_id>/print/", views_guides.guide_print, name="service_guide_print"
    ),
    path("agencies/<int:agency_id>/guides/<int:matter_id>/guide.pdf", views_guides.guide_pdf, name="service_guide_pdf"),
    path(
        "agencies/<int:agency_id>/guides/<int:matter_id>/decisions/",
        views_guides.decisions,
        name="service_guide_decisions",
    ),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
]
