"""Sitemaps of published news and best practices (wired into the site's sitemap by eca_site)."""

from eca_site.lib.sitemaps import LocalisedSitemap

from .models import BestPractice, NewsItem


class NewsSitemap(LocalisedSitemap):
    changefreq = "monthly"

    def items(self):
        return NewsItem.objects.published().only("slug", "updated").order_by("-published_at")

    def lastmod(self, item):
        return item.updated


class BestPracticeSitemap(LocalisedSitemap):
    changefreq = "monthly"

    def items(self):
        return BestPractice.objects.published().only("slug", "updated").order_by("-published_at")

    def lastmod(self, item):
        return item.updated


sitemaps = {"news": NewsSitemap, "best-practices": BestPracticeSitemap}
