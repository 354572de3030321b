from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import SitePage


class SitePageSitemap(Sitemap):
    """Terms, privacy notice, about and contact, with the time staff last edited them."""

    changefreq = "monthly"

    def items(self):
        return SitePage.objects.only("url", "updated").order_by("url")

    def lastmod(self, page):
        return page.updated


class ListPagesSitemap(Sitemap):
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
