from django.urls import reverse


def test_public_paths_are_stable():
    assert reverse("home") == "/"
    assert reverse("healthz") == "/healthz"
    assert reverse("robots_txt") == "/robots.txt"
    assert reverse("admin:index") == "/admin/"


def test_directory_paths_are_stable():
    assert reverse("directory:list") == "/directory/"
    assert reverse("directory:profile", args=["go-cluster"]) == "/directory/go-cluster/"
