"""Sitemaps of live opportunities and published calls (wired into the site's sitemap by
eca_site)."""

from django.contrib.sitemaps import Sitemap

from .models import Call, Opportunity


class OpportunitySitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Opportunity.objects.live().only("slug", "updated").order_by("-published_at", "pk")

    def lastmod(self, item):
        return item.updated


class CallSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Call.objects.published().only("slug", "updated").order_by("-closes_at", "pk")

    def lastmod(self, item):
        return item.updated


sitemaps = {"opportunities": OpportunitySitemap, "calls": CallSitemap}
