"""Feed helpers (imports no app)."""

# The authority of the site's tag URIs: a domain ECA owns. Never derived from the request, so
# an entry's id stays the same whatever host or port served the feed.
TAG_AUTHORITY = "clustersalliance.eu"


def tag_uri(kind, obj):
    """A stable feed entry id (RFC 4151), e.g. `tag:clustersalliance.eu,2026-12-02:news-item-7`:
    the authority, the day the row was created and the row's kind and primary key."""
    return f"tag:{TAG_AUTHORITY},{obj.created:%Y-%m-%d}:{kind}-{obj.pk}"
