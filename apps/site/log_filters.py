"""Logging filters that keep the logs short and free of readers' details.

Django logs every refused request (a bad ``Host`` header, a body too large, too many
fields) to ``django.security.*`` with the full traceback and, for a bad Host, the header
the client sent. On a public site that is a flood of noise an attacker controls; the
refusal itself (a 400) is the answer, and one plain line is enough to see it happening.
"""

import logging


class RefusedRequestSummary(logging.Filter):
    """On a handler: ``django.security.*`` records become one line; others pass unchanged."""

    def filter(self, record):
        if record.name.startswith("django.security."):
            kind = record.name.rpartition(".")[2]
            record.msg = f"Refused a request ({kind})."
            record.args = ()
            record.exc_info = record.exc_text = record.stack_info = None
        return True
