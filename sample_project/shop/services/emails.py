"""Transactional emails and the newsletter, delivered by SendGrid."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from ropa import processing, processor
from sendgrid import SendGridAPIClient
from sendgrid.helpers.mail import Mail

from shop.models import Order


def _send(to: str, subject: str, template: str, context: dict[str, object]) -> None:
    message = Mail(
        from_email=settings.DEFAULT_FROM_EMAIL,
        to_emails=to,
        subject=subject,
        html_content=render_to_string(template, context),
    )
    SendGridAPIClient(settings.SENDGRID_API_KEY).send(message)


@processing(
    "Order confirmation",
    purpose="Email customers a confirmation and receipt of their order",
    legal_basis="contract",
    data=["user.contact.email", "user.name", "user.behavior.purchase_history"],
    subjects=["customer"],
    uses=["essential.service.notifications.email"],
    retention="P90D",
)
@processor(
    "sendgrid",
    data=["user.contact.email", "user.name", "user.behavior.purchase_history"],
    purpose="Transactional email delivery",
)
def send_order_confirmation(order: Order) -> None:
    lines = order.lines.select_related("product")
    _send(
        order.customer.email,
        f"Your Kestrel Outfitters order {order.number}",
        "emails/order_confirmation.html",
        {"order": order, "lines": lines},
    )


@processor(
    "sendgrid",
    data=["user.contact.email", "user.name"],
    purpose="Shipping notification delivery",
    activity="Order fulfilment",
)
def send_shipping_notification(order: Order, tracking_url: str) -> None:
    _send(
        order.customer.email,
        f"Order {order.number} is on its way",
        "emails/shipped.html",
        {"order": order, "tracking_url": tracking_url},
    )


@processing(
    "Newsletter",
    purpose="Email subscribers our newsletter with new products and offers",
    legal_basis="consent",
    data=["user.contact.email", "user.name"],
    subjects=["customer"],
    uses=["marketing.communications.email"],
    processors=["sendgrid"],
    retention="Until you unsubscribe",
    consent_record="The sign-up log: the address, the time and the wording of the checkbox",
    withdrawal="The unsubscribe link in every newsletter, or Account > Email preferences",
    owner="Marketing",
)
def send_newsletter(to: str, issue: str) -> None:
    _send(to, "News from Kestrel Outfitters", "emails/newsletter.html", {"issue": issue})
