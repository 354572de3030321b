from eca_site.lib.models import ContentVersion, OutgoingMail, SitePage

__all__ = ["ContentVersion", "OutgoingMail", "SitePage"]
