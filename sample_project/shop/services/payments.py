"""Card payments through Stripe.

Card details are typed into Stripe Elements on the payment page and never reach our servers;
we create the PaymentIntent, Stripe charges the card and tells us the result by webhook.
"""

from __future__ import annotations

from decimal import Decimal

import stripe
from django.conf import settings
from ropa import processing, processor

from shop.models import Order

stripe.api_key = settings.STRIPE_SECRET_KEY


class WebhookError(Exception):
    """The webhook payload was malformed or not signed by Stripe."""


def _minor_units(amount: Decimal) -> int:
    return int((amount * 100).quantize(Decimal(1)))


@processing(
    "Card payments",
    purpose="Take payment for orders by credit or debit card",
    legal_basis="contract",
    data=["user.financial.credit_card", "user.name", "user.contact.email", "user.contact.address"],
    subjects=["customer"],
    uses=["essential.service.payment_processing"],
    processors=["stripe"],
    retention="P1Y6M",
    requirement="Payment details are needed to complete a purchase",
)
def create_payment_intent(order: Order) -> stripe.PaymentIntent:
    return stripe.PaymentIntent.create(
        amount=_minor_units(order.total),
        currency=order.currency.lower(),
        receipt_email=order.customer.email,
        shipping={"name": order.shipping_name, "address": {"line1": order.shipping_address}},
        metadata={"order_number": order.number},
        automatic_payment_methods={"enabled": True},
        idempotency_key=f"order-{order.number}",
    )


@processor(
    "stripe", data=["user.financial.credit_card"], purpose="Card refunds", activity="Card payments"
)
def refund(order: Order, amount: Decimal | None = None) -> stripe.Refund:
    params: dict[str, object] = {"payment_intent": order.payment_intent_id}
    if amount is not None:
        params["amount"] = _minor_units(amount)
    return stripe.Refund.create(**params)


def parse_webhook(payload: bytes, signature: str) -> stripe.Event:
    try:
        return stripe.Webhook.construct_event(payload, signature, settings.STRIPE_WEBHOOK_SECRET)
    except (ValueError, stripe.error.SignatureVerificationError) as exc:
        raise WebhookError(str(exc)) from exc
