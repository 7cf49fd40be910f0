"""Background jobs run by the Celery workers."""

from __future__ import annotations

from datetime import datetime, timezone

import boto3
from celery import shared_task
from django.conf import settings
from ropa import processing

from .invoicing import render_invoice_pdf
from .models import Order
from .services.emails import send_order_confirmation

_s3 = boto3.client("s3", region_name=settings.AWS_REGION)  # ropa: processor("aws", data=["user.name", "user.contact.address", "user.behavior.purchase_history"], purpose="Invoice archive storage (Amazon S3)", activity="Invoice record keeping", region="eu-central-1")


@shared_task(bind=True, max_retries=5, default_retry_delay=60)
def send_order_confirmation_task(self, order_id: int) -> None:
    order = Order.objects.select_related("customer").get(pk=order_id)
    try:
        send_order_confirmation(order)
    except Exception as exc:  # SendGrid raises python_http_client errors on 4xx/5xx
        raise self.retry(exc=exc) from exc


@shared_task
@processing(
    "Invoice record keeping",
    purpose="Keep invoices and accounting records for as long as German commercial and tax "
    "law requires",
    legal_basis="legal_obligation",
    data=["user.name", "user.contact.address", "user.behavior.purchase_history"],
    subjects=["customer"],
    uses=["essential.legal_obligation"],
    processors=["aws"],
    recipients=["Tax adviser", "Tax authorities, on request during an audit"],
    retention="P10Y",
)
def archive_invoice(order_id: int) -> str:
    order = Order.objects.select_related("customer").get(pk=order_id)
    key = f"invoices/{order.placed_at:%Y}/{order.number}.pdf"
    # The retention period runs from the end of the calendar year in which the invoice was issued.
    retain_until = datetime(order.placed_at.year + 11, 1, 1, tzinfo=timezone.utc)
    _s3.put_object(
        Bucket=settings.INVOICE_BUCKET,
        Key=key,
        Body=render_invoice_pdf(order),
        ContentType="application/pdf",
        ServerSideEncryption="aws:kms",
        ObjectLockMode="COMPLIANCE",
        ObjectLockRetainUntilDate=retain_until,
    )
    return key
