"""Server-side purchase events for Google Analytics 4, sent only with the visitor's consent.

Page views are measured by the gtag.js snippet, which the cookie banner loads only after the
visitor has agreed; this module adds the purchase, which only the server knows for certain.
"""

from __future__ import annotations

import json
import logging

import requests
from django.conf import settings
from django.http import HttpRequest
from ropa import processing as declare

from .models import Order

log = logging.getLogger(__name__)

MEASUREMENT_PROTOCOL_URL = "https://region1.google-analytics.com/mp/collect"
CONSENT_COOKIE = "kestrel_consent"


def has_analytics_consent(request: HttpRequest) -> bool:
    try:
        choices = json.loads(request.COOKIES.get(CONSENT_COOKIE, "{}"))
    except ValueError:
        return False
    return isinstance(choices, dict) and choices.get("analytics") is True


def _client_id(request: HttpRequest) -> str | None:
    # The _ga cookie reads "GA1.1.<random>.<timestamp>"; the client id is the last two parts.
    parts = request.COOKIES.get("_ga", "").split(".")
    return ".".join(parts[-2:]) if len(parts) == 4 else None


@declare(
    "Web analytics",
    purpose="Understand how visitors find and use the shop so that we can improve it",
    legal_basis="consent",
    data=[
        "user.device.cookie_id",
        "user.behavior.browsing_history",
        "user.behavior.purchase_history",
    ],
    subjects=["customer", "visitor"],
    uses=["analytics.reporting"],
    processors=["google-analytics"],
    retention="P14M",
    consent_record="The consent cookie and our consent log: each banner choice, with its time "
    "and the banner version shown",
    withdrawal="Cookie settings, linked in the footer of every page",
)
def track_purchase(request: HttpRequest, order: Order) -> None:
    client_id = _client_id(request)
    if client_id is None or not has_analytics_consent(request):
        return
    event = {
        "name": "purchase",
        "params": {
            "transaction_id": order.number,
            "value": float(order.total),
            "currency": order.currency,
            "items": [
                {
                    "item_id": line.product.sku,
                    "quantity": line.quantity,
                    "price": float(line.unit_price),
                }
                for line in order.lines.select_related("product")
            ],
        },
    }
    try:
        requests.post(
            MEASUREMENT_PROTOCOL_URL,
            params={
                "measurement_id": settings.GA_MEASUREMENT_ID,
                "api_secret": settings.GA_API_SECRET,
            },
            json={"client_id": client_id, "events": [event]},
            timeout=3,
        ).raise_for_status()
    except requests.RequestException:
        log.warning("analytics event for %s not delivered", order.number, exc_info=True)
