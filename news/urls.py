"""Public lists, detail pages, downloads and feeds, and a manager's best-practice pages under
/my/best-practices/ (the /my/ dashboard itself is accounts'; news adds a panel to it)."""

from django.urls import path

from . import feeds, views

app_name = "news"

urlpatterns = [
    path("news/", views.news_list, name="list"),
    path("news/feed/rss/", feeds.NewsFeed(), name="feed_rss"),
    path("news/feed/atom/", feeds.NewsAtomFeed(), name="feed_atom"),
    path("news/<slug:slug>/", views.news_detail, name="detail"),
    path("documents/", views.document_list, name="documents"),
    path("documents/<int:pk>/download/", views.document_download, name="document_download"),
    path("best-practices/", views.best_practice_list, name="best_practices"),
    path("best-practices/feed/rss/", feeds.BestPracticeFeed(), name="best_practice_feed_rss"),
    path("best-practices/feed/atom/", feeds.BestPracticeAtomFeed(), name="best_practice_feed_atom"),
    path(
        "best-practices/attachments/<int:pk>/",
        views.attachment_download,
        name="attachment_download",
    ),
    path("best-practices/<slug:slug>/", views.best_practice_detail, name="best_practice_detail"),
    path("my/best-practices/new/", views.best_practice_create, name="best_practice_create"),
    path("my/best-practices/<int:pk>/", views.best_practice_preview, name="best_practice_preview"),
    path("my/best-practices/<int:pk>/edit/", views.best_practice_edit, name="best_practice_edit"),
    path(
        "my/best-practices/<int:pk>/submit/",
        views.best_practice_submit,
        name="best_practice_submit",
    ),
]
