"""Phone-first reading in real Chromium: every public page type at four screen sizes,
light and dark. The demo content is loaded once for the module (conftest's `demo_site`);
each page is loaded in light, resized through the screens, then loaded again in dark and
resized (the pages run no JavaScript, so the layout is a function of the viewport and the
colour scheme)."""

import json
from pathlib import Path

import pytest
from django.conf import settings

from tests.site.public_pages import CONTENT_PAGES, PUBLIC_PAGES

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SCREENS = {"320": (320, 568), "375": (375, 667), "390": (390, 844), "1280": (1280, 800)}
PHONE_STRIP_BUDGET = 0.15 * 667  # px: 15% of a 375x667 screen
DESKTOP_STRIP_BUDGET = 0.12 * 800  # px: 12% of a 1280x800 screen
MIN_TARGET = 44  # px, WCAG 2.5.5

MEASURE = """() => {
  const box = (el) => el && el.getBoundingClientRect();
  const lede = document.querySelector('main .lede');
  let sentenceBottom = null;
  if (lede && lede.firstChild) {
    // The first sentence ends at the first ". " (or the paragraph's end).
    const text = lede.firstChild.textContent;
    const end = text.search(/[.?!:](\\s|$)/);
    const range = document.createRange();
    range.setStart(lede.firstChild, 0);
    range.setEnd(lede.firstChild, end < 0 ? text.length : end + 1);
    const rects = range.getClientRects();
    sentenceBottom = rects.length ? rects[rects.length - 1].bottom : null;
  }
  const small = [...document.querySelectorAll(
      '.contact-button, .help-strip a[href^="tel:"], .help-strip__more, .help-strip__country, '
    + '.site-header__shortcuts a, .breadcrumbs a, .toc a, .footer-links a, .card h3 a')]
    .filter((el) => el.offsetParent !== null)
    .map((el) => [el.textContent.trim(), box(el).width, box(el).height])
    .filter(([, w, h]) => w < 44 || h < 44);
  return {
    scrollWidth: document.documentElement.scrollWidth,
    strip: box(document.querySelector('.help-strip')).height,
    header: box(document.querySelector('.site-header')).height,
    h1Bottom: box(document.querySelector('main h1')).bottom,
    sentenceBottom,
    small,
  };
}"""


# Wait for colour transitions (0.01 ms under reduced motion) to end, at most 2 s: a
# transition cancelled by the next colour switch rejects its `finished` promise
# (AbortError) and leaves a new one that never settles, and page.evaluate has no timeout.
SETTLED = """Promise.race([
  Promise.allSettled(document.getAnimations().map((a) => a.finished)),
  new Promise((resolve) => setTimeout(resolve, 2000)),
])"""
# axe's cost is almost all in its two colour rules (about 1 s a run on an article, the
# other WCAG rules together about 0.2 s), and their answer depends only on the colours,
# the font sizes and what is visible, which the stylesheet's media queries decide: they
# run in light and in dark once per distinct layout (LAYOUT below), the other rules at
# every width in light. The dark scheme only gives the colour custom properties other
# values (test_phone_first.py holds it to that), so in dark only the colour rules can find
# something the light run did not.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
# The width media queries of the page's stylesheets that match now. Two widths with the
# same list get the same CSS (the pages run no JavaScript): with site.css today 320 and 375
# (both under 24rem) share a layout; 390 (the 24rem rule's header sizes) and 1280 have
# their own. A new breakpoint between two screens splits them without touching this test.
LAYOUT = """() => [...document.styleSheets]
  .flatMap((sheet) => [...sheet.cssRules])
  .filter((rule) => rule instanceof CSSMediaRule && /width/.test(rule.conditionText))
  .map((rule) => rule.conditionText)
  .filter((condition) => matchMedia(condition).matches)"""


def axe_options(rules):
    return {"runOnly": {"type": "rule", "values": rules}, "resultTypes": ["violations"]}


def axe_script():
    import axe_playwright_python  # noqa: PLC0415

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_every_page_type_fits_the_screen_and_passes_axe(browser, demo_site, path):
    """At each screen size: no wider than the screen, the help strip within its height
    budget, call buttons of 44 px or more, nothing for axe (WCAG 2.1 A and AA; its colour
    rules in light and dark once per layout) and, at 375x667, a content page's heading
    and first sentence on screen."""
    from axe_playwright_python.base import AxeResults

    problems = []
    layouts = {}
    wcag_rules = other_rules = None
    width, height = SCREENS["375"]
    # Reduced motion: the one transition (buttons' colour, 0.15 s) ends at once instead
    # of on each resize; axe reads the same final colours either way.
    context = browser.new_context(
        viewport={"width": width, "height": height}, locale="en-GB", reduced_motion="reduce"
    )
    page = context.new_page()
    page.goto(demo_site.url + path)
    # The page is loaded again for the dark scheme: Chromium 156 applies a colour-scheme
    # switch on an open page (page.emulate_media) to some elements' computed colours and
    # not yet to others, even across resizes, so axe read light text on a dark
    # background. A page loaded under the scheme has every colour right; resizing an
    # open page is reliable.
    for scheme in ("light", "dark"):
        if scheme == "dark":
            page.emulate_media(color_scheme="dark")
            page.reload()
        page.evaluate(axe_script())  # once a load: axe.run() below can run again
        if wcag_rules is None:
            wcag_rules = page.evaluate(
                f"axe.getRules({json.dumps(WCAG_TAGS)}).map((r) => r.ruleId)"
            )
            assert set(COLOUR_RULES) <= set(wcag_rules)  # so the colour runs check something
            other_rules = [rule for rule in wcag_rules if rule not in COLOUR_RULES]
        seen = set()
        for screen, (width, height) in SCREENS.items():
            page.set_viewport_size({"width": width, "height": height})
            layout = tuple(page.evaluate(LAYOUT))
            new_layout = layout not in seen
            seen.add(layout)
            layouts.setdefault(layout, screen)
            # Dark only where the colour rules run: elsewhere it is the light layout again.
            if scheme == "dark" and not new_layout:
                continue
            # Let colour transitions end before axe reads contrast.
            page.evaluate(SETTLED)
            at = f"{path} at {screen} {scheme}"
            assert page.evaluate("innerWidth") == width  # the resize took effect
            assert page.evaluate(f"matchMedia('(prefers-color-scheme: {scheme})').matches")
            found = page.evaluate(MEASURE)
            if found["scrollWidth"] > width:
                problems.append(f"{at}: {found['scrollWidth']} px wide")
            budget = DESKTOP_STRIP_BUDGET if width >= 1000 else PHONE_STRIP_BUDGET
            if found["strip"] > budget:
                problems.append(f"{at}: strip {found['strip']} px > {budget:.0f}")
            if found["small"]:
                problems.append(f"{at}: targets under {MIN_TARGET} px: {found['small']}")
            if screen == "375" and path in CONTENT_PAGES:
                if found["h1Bottom"] > height or not found["sentenceBottom"]:
                    problems.append(f"{at}: heading ends at {found['h1Bottom']}")
                elif found["sentenceBottom"] > height:
                    problems.append(f"{at}: first sentence ends at {found['sentenceBottom']}")
            rules = (other_rules if scheme == "light" else []) + (
                COLOUR_RULES if new_layout else []
            )
            options = json.dumps(axe_options(rules))
            results = AxeResults(page.evaluate(f"axe.run(document, {options})"))
            if results.violations_count:
                problems.append(f"{at}: {results.generate_report()}")
    context.close()
    # A layout per media-query set; at least a phone's and a desktop's, or LAYOUT is broken.
    assert len(layouts) >= 2, layouts
    assert not problems, "\n".join(problems)


def test_without_a_region_the_strip_still_offers_a_country_within_its_budget(browser, demo_site):
    """The neutral strip (no region in Accept-Language) keeps its "Choose your country"
    link on every screen, at least 44 px, and still leaves the answer on a phone's first
    screen. Each page is loaded once and resized (it runs no JavaScript)."""
    context = browser.new_context(extra_http_headers={"Accept-Language": "en"})
    page = context.new_page()
    problems = []
    for path in ["/", *CONTENT_PAGES, "/help/", "/search/?q=kratom"]:
        page.goto(demo_site.url + path)
        if page.locator('.help-strip a[href^="tel:"]').count():
            problems.append(f"{path}: a number without a region")
        for screen in ("320", "375", "1280"):
            width, height = SCREENS[screen]
            page.set_viewport_size({"width": width, "height": height})
            assert page.evaluate("innerWidth") == width  # the resize took effect
            at = f"{path} at {screen}"
            found = page.evaluate(MEASURE)
            link = page.locator(".help-strip__country")
            box = link.bounding_box() if link.is_visible() else None
            budget = DESKTOP_STRIP_BUDGET if width >= 1000 else PHONE_STRIP_BUDGET
            if not box or box["height"] < MIN_TARGET or box["width"] < MIN_TARGET:
                problems.append(f"{at}: no 44 px country link ({box})")
            elif box["y"] + box["height"] > found["strip"]:
                problems.append(f"{at}: the country link is outside the strip")
            if found["strip"] > budget:
                problems.append(f"{at}: strip {found['strip']} px > {budget:.0f}")
            if (
                screen == "375"
                and path in CONTENT_PAGES
                and (found["sentenceBottom"] or 0) > height
            ):
                problems.append(f"{at}: first sentence ends at {found['sentenceBottom']}")
    assert not context.cookies()
    context.close()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    ("locale", "number"), [("en-GB", "999"), ("en-AU", "000"), ("en-US", "911")]
)
def test_a_phone_gets_its_own_emergency_number_as_a_call_link(browser, demo_site, locale, number):
    context = browser.new_context(viewport={"width": 375, "height": 667}, locale=locale)
    page = context.new_page()
    page.goto(demo_site.url + "/articles/does-kratom-cause-insomnia/")
    call = page.locator('.help-strip a[href^="tel:"]').first
    href, box = call.get_attribute("href"), call.bounding_box()
    cookies = context.cookies()
    context.close()
    assert href == f"tel:{number}"
    assert box["y"] + box["height"] <= 667 * 0.15
    assert not cookies


def test_an_article_prints_in_three_a4_pages_with_numbers_references_and_address(
    browser, demo_site
):
    import re

    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    path = "/articles/does-kratom-cause-insomnia/"
    page.goto(demo_site.url + path)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", page.pdf(format="A4")))
    page.emulate_media(media="print")
    shown = {
        selector: page.locator(selector).first.is_visible()
        for selector in (".site-nav", ".help-strip__inner", ".toc", ".card-list", ".feedback")
    }
    printed = page.locator("body").inner_text()
    reference_url = page.evaluate(
        "getComputedStyle(document.querySelector('.references a[href^=\"http\"]'), '::after')"
        ".content"
    )
    context.close()
    assert pages <= 3
    assert not any(shown.values()), shown
    assert "Emergency numbers:" in printed
    # The printout names the page on SITE_URL, the one source of the site's address.
    assert f"Printed from {settings.SITE_URL.rstrip('/')}{path}" in printed
    assert "attr(href)" in reference_url or "http" in reference_url
