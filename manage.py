#!/usr/bin/env python
"""Django's command-line utility for Nightlight."""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hub.settings")
    from django.core.exceptions import ImproperlyConfigured

    try:
        from django.core.management import execute_from_command_line

        execute_from_command_line(sys.argv)
    except ImproperlyConfigured as exc:
        # A missing production setting is an operator error, not a crash: one line is enough.
        sys.exit(f"Nightlight cannot start: {exc}")


if __name__ == "__main__":
    main()
