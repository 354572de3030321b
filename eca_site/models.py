from eca_site.lib.models import AggregateSnapshot, ContentVersion

__all__ = ["AggregateSnapshot", "ContentVersion"]
