"""Issue 15: the about text of a profile is edited in the admin with django-prose-editor, under
the strict CSP (its import map carries the page's nonce), and saved as the sanitiser keeps it."""

from django.urls import reverse
from playwright.sync_api import expect

from eca_site.lib.sanitize import plain_text
from tests.factories import make_organisation


def select_word(editor, word):
    """Select `word` in the editor as a double click would."""
    editor.evaluate(
        """(root, word) => {
            const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
            while (walker.nextNode()) {
                const start = walker.currentNode.data.indexOf(word);
                if (start >= 0) {
                    const range = document.createRange();
                    range.setStart(walker.currentNode, start);
                    range.setEnd(walker.currentNode, start + word.length);
                    getSelection().removeAllRanges();
                    getSelection().addRange(range);
                    return;
                }
            }
        }""",
        word,
    )
    # The editor takes the selection over on the next "selectionchange" event (Tiptap puts
    # itself on the editable element as `.editor`).
    editor.page.wait_for_function(
        "root => !root.editor.state.selection.empty", arg=editor.element_handle()
    )


def test_the_about_editor_runs_under_the_csp_and_saves_sanitised_html(page, log_in, snapshot):
    organisation = make_organisation(about="<p>Old text.</p>")
    problems = []
    page.on(
        "console",
        lambda message: (
            problems.append(f"{message.text} @ {message.location}")
            if message.type == "error"
            else None
        ),
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    log_in("staff")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(reverse("admin:directory_organisation_change", args=[organisation.pk]))

    # The editable area has the textarea's label (screen readers announce "About").
    editor = page.get_by_role("textbox", name="About", exact=True)
    expect(editor).to_be_visible()
    expect(editor).to_contain_text("Old text.")
    expect(page.locator("textarea#id_about")).to_be_hidden()  # the editor replaced it
    # Tiptap's base CSS applies, from css/rich_text.css (not injected inline: the CSP blocks it).
    expect(editor).to_have_css("white-space", "break-spaces")
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.type("We connect SMEs across Europe.")
    select_word(editor, "SMEs")
    page.keyboard.press("Control+B")
    expect(editor.locator("strong")).to_have_text("SMEs")
    snapshot("editing")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    organisation.refresh_from_db()
    assert "<strong>SMEs</strong>" in organisation.about_html
    assert plain_text(organisation.about_html) == "We connect SMEs across Europe."
    # The editor wrote nothing the sanitiser had to remove.
    assert organisation.about_html == organisation.about
    # The preview shows the saved text as the profile page will.
    expect(page.locator(".about-preview strong")).to_have_text("SMEs")
    snapshot("saved")
    assert problems == []  # no CSP violation ("Refused to ..."), no script error
