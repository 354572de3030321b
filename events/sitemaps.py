from eca_site.lib.sitemaps import LocalisedSitemap

from .models import Event


class EventSitemap(LocalisedSitemap):
    """Published events, for the site's sitemap.xml (wired in eca_site/urls.py when it exists)."""

    changefreq = "weekly"

    def items(self):
        return Event.objects.published().only("slug", "updated").order_by("-start")

    def lastmod(self, item):
        return item.updated
