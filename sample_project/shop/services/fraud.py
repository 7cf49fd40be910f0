"""Fraud screening of card orders, based on Stripe Radar's risk evaluation.

A risky order is held for a person on the support team to review; nothing is refused
automatically.
"""

from __future__ import annotations

import ipaddress
import logging

import stripe
from django.utils import timezone

from shop.models import BlockedNetwork, FraudCheck, Order

log = logging.getLogger(__name__)

REVIEW_THRESHOLD = 65


def _from_blocked_network(ip: str) -> bool:
    address = ipaddress.ip_address(ip)
    return any(
        address in ipaddress.ip_network(cidr)
        for cidr in BlockedNetwork.objects.values_list("cidr", flat=True)
    )


# ropa: processing("Fraud screening", purpose="Screen card payments for fraud before we ship",
#   legal_basis="legitimate_interests",
#   legitimate_interest="Preventing payment fraud and chargebacks, which protects us and "
#     "our customers whose cards may have been stolen",
#   data=["user.financial.credit_card", "user.device.ip_address", "user.contact.email",
#         "user.contact.address"],
#   subjects=["customer"], uses=["essential.fraud_detection"], processors=["stripe"],
#   retention="P1Y")
def screen_order(order: Order) -> FraudCheck:
    check = order.fraud_check
    intent = stripe.PaymentIntent.retrieve(order.payment_intent_id, expand=["latest_charge"])
    outcome = intent.latest_charge.outcome
    check.risk_score = outcome.risk_score if outcome else None
    risky = (check.risk_score or 0) >= REVIEW_THRESHOLD or _from_blocked_network(check.ip_address)
    check.decision = FraudCheck.Decision.REVIEW if risky else FraudCheck.Decision.PASS
    check.checked_at = timezone.now()
    check.save(update_fields=["risk_score", "decision", "checked_at"])
    log.info("fraud check for %s: %s (score %s)", order.number, check.decision, check.risk_score)
    return check
