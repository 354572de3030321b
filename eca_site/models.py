from eca_site.lib.models import ContentVersion, OutgoingMail

__all__ = ["ContentVersion", "OutgoingMail"]
