"""Every public page type of the demo site, one address each: the browser matrix and the
Nu Html Checker both walk this list, so a new page type is added once."""

# The content pages whose heading and first sentence must be on a phone's first screen.
CONTENT_PAGES = [
    "/articles/does-kratom-cause-insomnia/",
    "/alternatives/cbt-i/",
    "/alternatives/antihistamine-sleep-aids/",
    "/help/samhsa-national-helpline/",
]
PUBLIC_PAGES = [
    "/",
    *CONTENT_PAGES,
    "/articles/",
    "/alternatives/",
    "/alternatives/compare/?items=cbt-i,stimulus-control",
    "/alternatives/evidence/",
    "/help/",
    "/help/?country=GB&category=crisis-line",
    "/search/?q=kratom",
    "/topics/",
    "/topics/sleep/",
    "/contributors/demo-medical-reviewer/",
    "/about/",
    "/privacy/",
    "/feedback/?page=/",
    "/no-such-page/",
]
