from eca_site.lib.models import ContentVersion

__all__ = ["ContentVersion"]
