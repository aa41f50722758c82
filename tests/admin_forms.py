"""Post an admin change form back the way a browser would: read it from the HTML."""

from html.parser import HTMLParser


class _FormParser(HTMLParser):
    """The fields of the page's main admin form (the one with id ``*_form``)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.data = {}
        self.in_form = False
        self.textarea = None
        self.select = None

    def _add(self, name, value):
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            form_id = attrs.get("id") or ""
            self.in_form = form_id.endswith("_form") and form_id != "logout-form"
            return
        if not self.in_form or "name" not in attrs or "disabled" in attrs:
            if tag == "option" and self.select is not None:
                self._option(attrs)
            return
        name = attrs["name"]
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self._add(name, attrs.get("value", "on"))
                return
            self._add(name, attrs.get("value", ""))
        elif tag == "textarea":
            self.textarea = [name, ""]
        elif tag == "select":
            self.select = [name, "multiple" in attrs, [], None]

    def _option(self, attrs):
        value = attrs.get("value", "")
        name, multiple, chosen, first = self.select
        if first is None:
            self.select[3] = value
        if "selected" in attrs:
            chosen.append(value)

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False
        elif tag == "textarea" and self.textarea is not None:
            name, text = self.textarea
            # Browsers drop the newline that follows <textarea>.
            self._add(name, text[1:] if text.startswith("\n") else text)
            self.textarea = None
        elif tag == "select" and self.select is not None:
            name, multiple, chosen, first = self.select
            if chosen:
                for value in chosen:
                    self._add(name, value)
            elif not multiple and first is not None:
                self._add(name, first)
            self.select = None


def form_fields(html):
    parser = _FormParser()
    parser.feed(html)
    return parser.data


def change_form_data(client, url):
    """What a browser would post back from the admin form at ``url``, unchanged."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return form_fields(response.content.decode())
