"""Sitemaps of published news and best practices (wired into the site's sitemap by eca_site)."""

from django.contrib.sitemaps import Sitemap

from .models import BestPractice, NewsItem


class NewsSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return NewsItem.objects.published().only("slug", "updated").order_by("-published_at")

    def lastmod(self, item):
        return item.updated


class BestPracticeSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return BestPractice.objects.published().only("slug", "updated").order_by("-published_at")

    def lastmod(self, item):
        return item.updated


sitemaps = {"news": NewsSitemap, "best-practices": BestPracticeSitemap}
