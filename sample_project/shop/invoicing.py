"""Invoice PDFs, rendered from the order as it was placed."""

from __future__ import annotations

from django.template.loader import render_to_string
from weasyprint import HTML

from .models import Order

SELLER = {
    "name": "Kestrel Outfitters GmbH",
    "vat_id": "DE000000000",
    "register": "Amtsgericht Charlottenburg HRB 000000 B",
}


def render_invoice_pdf(order: Order) -> bytes:
    html = render_to_string(
        "invoices/invoice.html",
        {"order": order, "lines": order.lines.select_related("product"), "seller": SELLER},
    )
    return HTML(string=html).write_pdf()
