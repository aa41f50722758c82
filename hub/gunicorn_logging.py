"""Keeps client addresses out of gunicorn's error log.

Gunicorn writes "Invalid request from ip=203.0.113.7: ..." for every malformed request
line or header, and Nightlight promises readers that their addresses are not kept. The
filter rewrites such records before any handler sees them; gunicorn.conf.py installs it.
"""

import logging
import re

# "ip=" then an IPv4 or IPv6 address (no spaces), up to the ": " that ends it.
_IP_FIELD = re.compile(r"\s*(from\s+)?ip=\S*?(?=:\s|\s|$)")
_IPV4 = re.compile(r"\b(?:\d{1,3}\.){3}\d{1,3}\b")


class NoClientAddressFilter(logging.Filter):
    def filter(self, record):
        message = record.getMessage()
        cleaned = _IPV4.sub("[address removed]", _IP_FIELD.sub("", message))
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True
