"""Gunicorn settings for production: `gunicorn hub.wsgi` picks this file up.

The access log leaves out the client address (%(h)s) on purpose: Nightlight promises
readers that their IP addresses are not kept. Configure your reverse proxy the same way.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
timeout = 30
accesslog = "-"
access_log_format = '%(t)s "%(r)s" %(s)s %(b)s %(M)sms'
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
