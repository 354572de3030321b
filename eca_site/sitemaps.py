from django.urls import reverse

from eca_site.lib.sitemaps import LocalisedSitemap

from .models import SitePage


class SitePageSitemap(LocalisedSitemap):
    """Terms, privacy notice, about and contact, with the time staff last edited them."""

    changefreq = "monthly"

    def items(self):
        return SitePage.objects.only("url", "updated").order_by("url")

    def lastmod(self, page):
        return page.updated


class ListPagesSitemap(LocalisedSitemap):
    """The lists a visitor starts from, besides home and the directory (PagesSitemap)."""

    changefreq = "daily"

    def items(self):
        return [
            "directory:map",
            "events:list",
            "news:list",
            "news:best_practices",
            "news:documents",
        ]

    def location(self, item):
        return reverse(item)
