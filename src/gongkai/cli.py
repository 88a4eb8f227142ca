"""The ``gongkai`` console command: Django management with the platform's settings.

``gongkai migrate``, ``gongkai createsuperuser``, ``gongkai demo`` ... are the usual Django
management commands run with ``gongkai.config.settings`` unless ``DJANGO_SETTINGS_MODULE`` says otherwise.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.config.settings")
    from django.core.management import execute_from_command_line  # noqa: PLC0415 - after settings env

    args = list(sys.argv if argv is None else argv)
    args[0] = "gongkai"
    execute_from_command_line(args)
