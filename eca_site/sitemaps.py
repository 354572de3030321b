from django.contrib.sitemaps import Sitemap

from .models import SitePage


class SitePageSitemap(Sitemap):
    """Terms, privacy notice, about and contact, with the time staff last edited them."""

    changefreq = "monthly"

    def items(self):
        return SitePage.objects.only("url", "updated").order_by("url")

    def lastmod(self, page):
        return page.updated
