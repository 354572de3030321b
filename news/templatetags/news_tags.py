"""Template tags other apps' templates use to show news and best practices."""

from django import template

register = template.Library()


@register.inclusion_tag("news/_organisation_news.html")
def organisation_news(organisation):
    """ "Latest news and documents" on a profile; the models arrive with the news issue."""
    return {"organisation": organisation, "items": []}


@register.inclusion_tag("news/_organisation_best_practices.html")
def organisation_best_practices(organisation):
    """ "Submitted best practices" on a profile; the models arrive with the news issue."""
    return {"organisation": organisation, "items": []}
