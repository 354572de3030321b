"""Sitemaps of live opportunities and published calls (wired into the site's sitemap by
eca_site)."""

from eca_site.lib.sitemaps import LocalisedSitemap

from .models import Call, Opportunity


class OpportunitySitemap(LocalisedSitemap):
    changefreq = "weekly"

    def items(self):
        return Opportunity.objects.live().only("slug", "updated").order_by("-published_at", "pk")

    def lastmod(self, item):
        return item.updated


class CallSitemap(LocalisedSitemap):
    changefreq = "weekly"

    def items(self):
        return Call.objects.published().only("slug", "updated").order_by("-closes_at", "pk")

    def lastmod(self, item):
        return item.updated


sitemaps = {"opportunities": OpportunitySitemap, "calls": CallSitemap}
