from django.templatetags.static import static


def test_favicon_ico_redirects_to_the_static_icon(anon, db):
    response = anon.get("/favicon.ico")

    assert response.status_code == 302
    assert response["Location"] == static("img/favicon.ico")
