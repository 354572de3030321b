from django.db import models


class ContentVersion(models.Model):
    """One row whose number goes up whenever public content changes.

    The anonymous page cache (eca_site.page_cache) puts this number in every cache key, so a
    change anywhere invalidates every cached page at once, in every server process.
    """

    version = models.PositiveBigIntegerField(default=1)
    changed = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"content version {self.version}"
