"""WSGI entry point for the application servers."""

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

from .logging_setup import configure_logging

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")

application = get_wsgi_application()
configure_logging(settings.LOGZIO_TOKEN, settings.LOGZIO_LISTENER)
