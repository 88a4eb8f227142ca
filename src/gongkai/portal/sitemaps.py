from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from gongkai.agencies.selectors import agency_list_public
from gongkai.publications.selectors import items_public
from gongkai.reports.selectors import all_published_reports


class AgencySitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return agency_list_public()

    def location(self, item):
        return reverse("portal:agency", args=[item.pk])


class ItemSitemap(Sitemap):
    changefreq = "monthly"
    limit = 5000

    def items(self):
        return items_public().only("pk", "agency_id", "updated_at").order_by("pk")

    def location(self, item):
        return reverse("portal:item", args=[item.agency_id, item.pk])

    def lastmod(self, item):
        return item.updated_at


class ReportSitemap(Sitemap):
    changefreq = "yearly"

    def items(self):
        return all_published_reports().only("agency_id", "year", "published_at").order_by("agency_id", "year")

    def location(self, item):
        return reverse("portal:report", args=[item.agency_id, item.year])

    def lastmod(self, item):
        return item.published_at


SITEMAPS = {"agencies": AgencySitemap, "items": ItemSitemap, "reports": ReportSitemap}
