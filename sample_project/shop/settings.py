"""Django settings for the Kestrel Outfitters shop (production values come from the environment)."""

# The shop runs on AWS (eu-central-1) behind Cloudflare. Neither shows up as a Python call we
# could annotate, so both activities are declared here, for the whole module.

# ropa: processing("Hosting",
#   purpose="Run the shop and store its data on rented cloud infrastructure",
#   legal_basis="legitimate_interests",
#   legitimate_interest="Running the shop on reliable, professionally secured infrastructure "
#     "instead of operating our own data centre",
#   data=["user.name", "user.contact.email", "user.contact.phone_number", "user.contact.address",
#         "user.account.username", "user.authorization.password", "user.device.ip_address",
#         "user.behavior.purchase_history"],
#   subjects=["customer", "visitor"], uses=["essential.service.operations"],
#   processors=["aws"],
#   retention="For the periods stated for the purposes whose data it stores")

# ropa: processing("Content delivery",
#   purpose="Serve the shop quickly worldwide and shield it from attacks",
#   legal_basis="legitimate_interests",
#   legitimate_interest="A fast shop that stays available during traffic peaks and "
#     "denial-of-service attacks",
#   data=["user.device.ip_address"], subjects=["customer", "visitor"],
#   uses=["essential.service.security"], processors=["cloudflare"], retention="P30D")

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
DEBUG = os.environ.get("DJANGO_DEBUG") == "1"
ALLOWED_HOSTS = ["kestrel-outfitters.example", "www.kestrel-outfitters.example"]
CSRF_TRUSTED_ORIGINS = ["https://kestrel-outfitters.example"]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "storages",
    "shop.accounts",
    "shop",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "shop.middleware.ClientIPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "shop.urls"
AUTH_USER_MODEL = "accounts.Account"
LOGIN_URL = "accounts:login"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "HOST": os.environ.get("DB_HOST", "localhost"),
        "NAME": os.environ.get("DB_NAME", "shop"),
        "USER": os.environ.get("DB_USER", "shop"),
        "PASSWORD": os.environ.get("DB_PASSWORD", ""),
        "OPTIONS": {"sslmode": "require"},
    }
}

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 31_536_000
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LANGUAGE_CODE = "de-de"
TIME_ZONE = "Europe/Berlin"
USE_TZ = True

AWS_REGION = "eu-central-1"
AWS_STORAGE_BUCKET_NAME = os.environ.get("STATIC_BUCKET", "kestrel-static")
INVOICE_BUCKET = os.environ.get("INVOICE_BUCKET", "kestrel-invoices")
STORAGES = {
    "default": {"BACKEND": "storages.backends.s3.S3Storage"},
    "staticfiles": {"BACKEND": "storages.backends.s3.S3Storage"},
}

STRIPE_SECRET_KEY = os.environ.get("STRIPE_SECRET_KEY", "")
STRIPE_PUBLISHABLE_KEY = os.environ.get("STRIPE_PUBLISHABLE_KEY", "")
STRIPE_WEBHOOK_SECRET = os.environ.get("STRIPE_WEBHOOK_SECRET", "")

SENDGRID_API_KEY = os.environ.get("SENDGRID_API_KEY", "")
DEFAULT_FROM_EMAIL = "Kestrel Outfitters <orders@kestrel-outfitters.example>"

LOGZIO_TOKEN = os.environ.get("LOGZIO_TOKEN", "")
LOGZIO_LISTENER = "https://listener-eu.logz.io:8071"

GA_MEASUREMENT_ID = os.environ.get("GA_MEASUREMENT_ID", "")
GA_API_SECRET = os.environ.get("GA_API_SECRET", "")

CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "redis://localhost:6379/0")
CELERY_TASK_ACKS_LATE = True
