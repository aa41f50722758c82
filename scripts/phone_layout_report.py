"""Where things sit on a phone's first screen, per page type (a script, not a test).

For each public page type at 375x667 (or --size): the help strip's height and the top
of the <h1> and of the standfirst (.lede), in CSS px from the top of the page. The
issue 12 figures come from here; tests/site/test_phone_first_browser.py asserts the
budgets. Needs a running site (`make run`) and Debian's Chromium.

    .venv/bin/python scripts/phone_layout_report.py [--base http://127.0.0.1:8000]
        [--locale en-GB | --locale ""] [--size 375x667] [--shots DIR]

``--locale ""`` sends no Accept-Language region (the strip's neutral line). ``--shots``
also saves a first-screen PNG of each page at 375 px and 1280 px.
"""

import argparse
import pathlib
import re
import sys

CHROMIUM = "/usr/bin/chromium"
PAGES = [
    ("home", "/"),
    ("article", "/articles/does-kratom-cause-insomnia/"),
    ("alternative", "/alternatives/cbt-i/"),
    ("recommended against", "/alternatives/antihistamine-sleep-aids/"),
    ("help index", "/help/"),
    ("help service", "/help/samhsa-national-helpline/"),
    ("search", "/search/?q=kratom"),
    ("topics", "/topics/"),
    ("topic", "/topics/sleep/"),
    ("article list", "/articles/"),
    ("alternative list", "/alternatives/"),
]
MEASURE = """() => {
  const top = (selector) => {
    const el = document.querySelector(selector);
    return el ? Math.round(el.getBoundingClientRect().top + window.scrollY) : null;
  };
  const strip = document.querySelector('.help-strip');
  return {
    strip: strip ? Math.round(strip.getBoundingClientRect().height) : null,
    h1: top('main h1'),
    lede: top('main .lede'),
    width: document.documentElement.scrollWidth,
  };
}"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--locale", default="en-GB", help='"" for no region (neutral strip)')
    parser.add_argument("--size", default="375x667")
    parser.add_argument("--shots", type=pathlib.Path, help="save screenshots into this folder")
    args = parser.parse_args()
    width, height = (int(n) for n in args.size.split("x"))

    from playwright.sync_api import sync_playwright  # noqa: PLC0415 (test extra)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        options = {"locale": args.locale} if args.locale else {}
        # No locale: Chromium would still send en-US, so say a bare language instead.
        headers = {} if args.locale else {"Accept-Language": "en"}
        context = browser.new_context(
            viewport={"width": width, "height": height}, extra_http_headers=headers, **options
        )
        page = context.new_page()
        locale = args.locale or "none"
        print(f"{width}x{height}, Accept-Language region: {locale}  (CSS px from the page top)")
        print(f"{'page':<20} {'path':<40} {'strip':>5} {'h1':>5} {'lede':>5} {'width':>5}")
        for name, path in PAGES:
            page.goto(args.base.rstrip("/") + path)
            found = page.evaluate(MEASURE)
            cells = [("-" if found[key] is None else found[key]) for key in MEASURE_KEYS]
            print(f"{name:<20} {path:<40} " + " ".join(f"{cell:>5}" for cell in cells))
        if args.shots:
            args.shots.mkdir(parents=True, exist_ok=True)
            for shot_width, shot_height in ((375, 667), (1280, 800)):
                page.set_viewport_size({"width": shot_width, "height": shot_height})
                for name, path in PAGES[:2] + PAGES[4:6]:
                    page.goto(args.base.rstrip("/") + path)
                    slug = re.sub(r"\W+", "-", name)
                    target = args.shots / f"{slug}-{shot_width}-{locale}.png"
                    page.screenshot(path=str(target))
                    print(target)
        context.close()
        browser.close()
    return 0


MEASURE_KEYS = ("strip", "h1", "lede", "width")

if __name__ == "__main__":
    sys.exit(main())
