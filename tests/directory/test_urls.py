from django.urls import reverse


def test_directory_public_paths_are_stable():
    assert reverse("directory:list") == "/directory/"
    assert reverse("directory:map") == "/directory/map/"
    assert reverse("directory:export_csv") == "/directory/export.csv"
    assert reverse("directory:export_json") == "/directory/export.json"
    assert reverse("directory:profile", args=["eca"]) == "/directory/eca/"
    assert reverse("directory:partners", args=["eca"]) == "/directory/eca/partners/"


def test_site_search_path_is_stable():
    assert reverse("search") == "/search/"
