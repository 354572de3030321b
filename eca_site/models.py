from eca_site.lib.models import AggregateSnapshot, ContentVersion, OutgoingMail, SitePage

__all__ = ["AggregateSnapshot", "ContentVersion", "OutgoingMail", "SitePage"]
