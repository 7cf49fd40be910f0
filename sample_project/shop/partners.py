"""Web shops we run on our platform for partner brands: their customers, on their instructions.

For this processing we are the brands' processor (Art. 28 GDPR): each brand decides why and how
its customers' data is used and tells them so in its own privacy notice. So these activities
state no legal basis of their own; they name the clients they are done for.
"""

from __future__ import annotations

from ropa import processing

from .models import Order


@processing(
    "Partner shop orders",
    role="processor",
    on_behalf_of=["nordwand", "fjellgear"],
    purpose="Take, fulfil and ship the orders placed in the web shops we run for partner brands",
    data=[
        "user.name",
        "user.contact.email",
        "user.contact.address",
        "user.behavior.purchase_history",
    ],
    subjects=["customer"],
    processors=["aws", "sendgrid"],
    retention="As the brand instructs; deleted within 30 days after the contract ends",
)
def place_partner_order(brand: str, order: Order) -> None:
    order.save()


# Only Nordwand has us answer its customers, through our helpdesk.
# ropa: processing("Partner customer service", role="processor", on_behalf_of=["nordwand"],
#   purpose="Answer the questions a partner brand's customers send about their orders",
#   data=["user.name", "user.contact.email", "user.behavior.purchase_history"],
#   subjects=["customer"], processors=["zendesk"])
def open_partner_ticket(brand: str, order: Order, message: str) -> None: ...
