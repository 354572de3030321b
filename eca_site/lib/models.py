"""Model bases shared by every app, and the site's content version (imports no app)."""

from django.db import models


class TimeStampedModel(models.Model):
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class ContentVersion(models.Model):
    """One row whose number changes whenever public content changes (the source of truth of
    `eca_site.lib.content_version`; the shared cache holds a copy every process reads).

    Declared here so that `eca_site.lib` can use it without importing the site package;
    `eca_site/models.py` re-exports it, so its app label is `eca_site`.
    """

    version = models.PositiveBigIntegerField(default=1)
    changed = models.DateTimeField(auto_now=True)

    class Meta:
        app_label = "eca_site"
        ordering = ["pk"]

    def __str__(self):
        return f"content version {self.version}"

    def get_absolute_url(self):
        return "/"


class AggregateSnapshot(models.Model):
    """An aggregate over public content (e.g. the directory's unfiltered facet counts) as it was
    at one content version: computed once per version by whichever process asks first, then
    read by every process on every server in one small query, even after the cache is cleared
    (`eca_site.lib.content_version.materialised`). Not content: writing it changes no version.
    """

    name = models.CharField(max_length=100, unique=True)
    version = models.PositiveBigIntegerField()
    value = models.JSONField()
    computed = models.DateTimeField(auto_now=True)

    class Meta:
        app_label = "eca_site"
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} at content version {self.version}"
