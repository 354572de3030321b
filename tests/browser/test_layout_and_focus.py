"""Every page works on a phone and with the keyboard alone: no sideways scrolling at 360 px,
and every element the Tab key reaches shows where the focus is."""

import pytest

from tests.browser.test_accessibility import PAGES

OUR_PAGES = [p for p in PAGES if p.ours]

FOCUS_STOP = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  return {
    element: el.outerHTML.slice(0, 80),
    // A date field's parts (day, month, year, picker) live in its own shadow tree: the field
    // is then the active element without matching :focus itself.
    focusVisible: el.matches(":focus-visible")
      || (el.matches(":focus-within") && !el.matches(":focus")),
    outlined: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
  };
}"""


@pytest.mark.parametrize("target", OUR_PAGES, ids=[p.name for p in OUR_PAGES])
def test_page_fits_a_phone_screen_without_sideways_scrolling(
    page, seeded, snapshot, log_in, target
):
    page.set_viewport_size({"width": 360, "height": 740})
    if target.user:
        log_in(target.user)
    page.goto(target.url(seeded))
    snapshot(f"{target.name}-phone")

    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")

    assert overflow <= 0, f"{target.name} is {overflow}px wider than a 360px screen"


@pytest.mark.parametrize("target", OUR_PAGES, ids=[p.name for p in OUR_PAGES])
def test_every_keyboard_stop_shows_a_visible_focus_indicator(page, seeded, log_in, target):
    if target.user:
        log_in(target.user)
    page.goto(target.url(seeded))
    stops = []
    for _ in range(200):  # bounded: more stops than any page has
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUS_STOP)
        if stop is None or (stops and stop["element"] == stops[0]["element"]):
            break
        stops.append(stop)

    assert len(stops) >= 2, "Tab reached almost nothing"
    hidden = [stop["element"] for stop in stops if not (stop["focusVisible"] and stop["outlined"])]
    assert hidden == [], f"focus not visible on: {hidden}"
