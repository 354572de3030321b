"""Plain case-insensitive text search for content lists (imports no app).

Profiles have ranked full-text search (directory/search.py); events, news, documents and best
practices are few and short enough for a substring match over a handful of fields.
"""

from django.db.models import Q


class TextSearchQuerySetMixin:
    """`Model.objects.search("hydrogen")`: rows where any of `search_fields` contains the text."""

    search_fields = ()

    def search(self, q):
        q = " ".join((q or "").split())
        if not q:
            return self
        condition = Q()
        for field in self.search_fields:
            condition |= Q(**{f"{field}__icontains": q})
        return self.filter(condition)
