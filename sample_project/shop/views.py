"""Catalogue, checkout and the Stripe webhook."""

from __future__ import annotations

import logging

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST
from ropa import processing

from .analytics import track_purchase
from .models import FraudCheck, Order, OrderLine, Product
from .services.fraud import screen_order
from .services.payments import WebhookError, create_payment_intent, parse_webhook
from .tasks import archive_invoice, send_order_confirmation_task

log = logging.getLogger(__name__)

CART_SESSION_KEY = "cart"


class CheckoutForm(forms.ModelForm):
    class Meta:
        model = Order
        fields = ("shipping_name", "shipping_address", "billing_address")


def product_list(request: HttpRequest) -> HttpResponse:
    products = Product.objects.filter(is_published=True).order_by("title")
    return render(request, "shop/product_list.html", {"products": products})


@processing(
    "Order fulfilment",
    purpose="Take, pack and deliver customers' orders and handle returns",
    legal_basis="contract",
    data=[
        "user.name",
        "user.contact.email",
        "user.contact.phone_number",
        "user.contact.address",
        "user.behavior.purchase_history",
    ],
    subjects=["customer"],
    uses=["essential.service"],
    recipients=["Parcel carriers (DHL, DPD)"],
    retention="P3Y",
    requirement="Name, postal address and email address are needed to accept and deliver an "
    "order; without them we cannot sell to you",
)
@login_required
@require_http_methods(["GET", "POST"])
def checkout(request: HttpRequest) -> HttpResponse:
    cart: dict[str, int] = request.session.get(CART_SESSION_KEY, {})
    if not cart:
        return redirect("shop:product-list")
    customer = request.user.customer
    initial = {"shipping_name": customer.name, "shipping_address": customer.address}
    form = CheckoutForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        products = Product.objects.in_bulk([int(pk) for pk in cart])
        with transaction.atomic():
            order = form.save(commit=False)
            order.customer = customer
            order.number = Order.next_number()
            order.total = sum(products[int(pk)].price * qty for pk, qty in cart.items())
            order.save()
            OrderLine.objects.bulk_create(
                OrderLine(
                    order=order,
                    product=products[int(pk)],
                    quantity=qty,
                    unit_price=products[int(pk)].price,
                )
                for pk, qty in cart.items()
            )
            FraudCheck.objects.create(order=order, ip_address=request.client_ip)
            intent = create_payment_intent(order)
            order.payment_intent_id = intent.id
            order.save(update_fields=["payment_intent_id"])
        del request.session[CART_SESSION_KEY]
        return render(
            request,
            "shop/pay.html",
            {
                "order": order,
                "client_secret": intent.client_secret,
                "publishable_key": settings.STRIPE_PUBLISHABLE_KEY,
            },
        )
    return render(request, "shop/checkout.html", {"form": form})


@login_required
def order_complete(request: HttpRequest, number: str) -> HttpResponse:
    order = get_object_or_404(Order, number=number, customer__account=request.user)
    track_purchase(request, order)
    return render(request, "shop/order_complete.html", {"order": order})


@csrf_exempt
@require_POST
def stripe_webhook(request: HttpRequest) -> HttpResponse:
    try:
        event = parse_webhook(request.body, request.headers.get("Stripe-Signature", ""))
    except WebhookError:
        return HttpResponseBadRequest()
    if event.type != "payment_intent.succeeded":
        return HttpResponse(status=204)
    order = Order.objects.select_related("fraud_check").get(payment_intent_id=event.data.object.id)
    check = screen_order(order)
    if check.decision == FraudCheck.Decision.REVIEW:
        order.status = Order.Status.ON_HOLD
        log.warning("order %s held for fraud review", order.number)
    else:
        order.status = Order.Status.PAID
        send_order_confirmation_task.delay(order.pk)
        archive_invoice.delay(order.pk)
    order.save(update_fields=["status"])
    return HttpResponse(status=204)
