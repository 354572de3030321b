from eca_site.lib.models import ContentVersion, SitePage

__all__ = ["ContentVersion", "SitePage"]
