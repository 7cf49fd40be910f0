"""Catalogue, customers, orders and fraud-check records."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone


class Product(models.Model):
    sku = models.CharField(max_length=32, unique=True)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    price = models.DecimalField(max_digits=10, decimal_places=2)
    stock = models.PositiveIntegerField(default=0)
    is_published = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"{self.sku} {self.title}"


class Warehouse(models.Model):
    code = models.CharField(max_length=8, unique=True)
    address = models.TextField()
    # A shared mailbox at the logistics partner's site, not a person's address.
    # ropa: ignore[ROPA201]
    contact_email = models.EmailField()
    switchboard_phone = models.CharField(max_length=32)
    is_active = models.BooleanField(default=True)


class Customer(models.Model):  # ropa: personal_data(subjects=["customer"], retention="P3Y")
    account = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="customer"
    )
    name = models.CharField(max_length=160)  # ropa: user.name
    email = models.EmailField()  # ropa: user.contact.email
    # ropa: user.contact.phone_number
    phone = models.CharField(max_length=32, blank=True)
    address = models.TextField(blank=True)  # ropa: user.contact.address
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.name


# Orders are accounting records: the invoice archive needs them for ten years.
# ropa: personal_data(subjects=["customer"], retention="P10Y")
class Order(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending"
        PAID = "paid"
        ON_HOLD = "on_hold"
        SHIPPED = "shipped"
        CANCELLED = "cancelled"

    number = models.CharField(max_length=16, unique=True)
    customer = models.ForeignKey(Customer, on_delete=models.PROTECT, related_name="orders")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    shipping_name = models.CharField(max_length=160)  # ropa: user.name
    # ropa: user.contact.address
    shipping_address = models.TextField()
    # The address block exactly as printed on the invoice.
    billing_address = models.TextField()  # ropa: user.name, user.contact.address
    payment_intent_id = models.CharField(max_length=64, blank=True)
    total = models.DecimalField(max_digits=10, decimal_places=2, default=Decimal("0.00"))
    currency = models.CharField(max_length=3, default="EUR")
    placed_at = models.DateTimeField(default=timezone.now)

    @classmethod
    def next_number(cls) -> str:
        year = timezone.now().year
        count = cls.objects.filter(placed_at__year=year).count() + 1
        return f"KO-{year}-{count:06d}"


class OrderLine(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey(Product, on_delete=models.PROTECT)
    quantity = models.PositiveIntegerField()
    unit_price = models.DecimalField(max_digits=10, decimal_places=2)


class FraudCheck(models.Model):  # ropa: personal_data(subjects=["customer"], retention="P1Y")
    class Decision(models.TextChoices):
        PENDING = "pending"
        PASS = "pass"
        REVIEW = "review"

    order = models.OneToOneField(Order, on_delete=models.CASCADE, related_name="fraud_check")
    ip_address = models.GenericIPAddressField()  # ropa: user.device.ip_address
    risk_score = models.PositiveSmallIntegerField(null=True)
    decision = models.CharField(max_length=8, choices=Decision.choices, default=Decision.PENDING)
    checked_at = models.DateTimeField(null=True)


class BlockedNetwork(models.Model):
    """A hosting-provider or open-proxy range from which checkout is always held for review."""

    cidr = models.CharField(max_length=43, unique=True)
    network_ip = models.GenericIPAddressField()  # ropa: ignore[ROPA201] (a data-centre range)
    note = models.CharField(max_length=200, blank=True)
    added_at = models.DateTimeField(default=timezone.now)
