"""Gunicorn settings for production: `gunicorn hub.wsgi` picks this file up.

Gunicorn runs behind nginx (deploy/nginx/nightlight.conf), which buffers whole requests
and responses, so the sync workers never wait on a slow client; without such a proxy four
slow clients can hold every worker. Every value here is chosen, not left to a default that
may change between gunicorn releases.

The access log leaves out the client address (%(h)s) on purpose, and a logging filter
takes it out of the error log ("Invalid request from ip=..."): Nightlight promises readers
that their IP addresses are not kept.
"""

import logging
import multiprocessing
import os

from hub.gunicorn_logging import NoClientAddressFilter

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))

# A worker silent for 30 s is stuck (no page takes a tenth of that) and is replaced.
timeout = 30
# On restart or stop, requests in flight get 20 s to finish; nginx waits 35 s for a reply.
graceful_timeout = 20
# Idle keep-alive connections from nginx are closed after 5 s (the sync worker answers
# one request per connection; this applies if WEB_WORKER_CLASS=gthread).
keepalive = 5
worker_class = os.environ.get("WEB_WORKER_CLASS", "sync")
# Requests are small: a request line of 4 KB, 50 headers of 8 KB at most (nginx allows less).
limit_request_line = 4094
limit_request_fields = 50
limit_request_field_size = 8190
# Gunicorn 24+ opens a control socket (~/.gunicorn/gunicorn.ctl) by default. Nothing
# uses it here (deploys signal the master: HUP reloads, TERM stops), so it stays closed.
control_socket_disable = True

accesslog = "-"
access_log_format = '%(t)s "%(r)s" %(s)s %(b)s %(M)sms'
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

logging.getLogger("gunicorn.error").addFilter(NoClientAddressFilter())
