"""Sign-up, profile editing and sign-in bookkeeping for customer accounts."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import login
from django.contrib.auth.forms import UserCreationForm
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.urls import reverse_lazy
from django.views.generic import CreateView, UpdateView
from ropa import processing

from shop.models import Customer

from .models import Account


class SignupForm(UserCreationForm):
    class Meta:
        model = Account
        fields = ("username",)


class ProfileForm(forms.ModelForm):
    class Meta:
        model = Customer
        fields = ("name", "email", "phone", "address")


@processing(
    "Account management",
    purpose="Open and run customer accounts: sign-in, saved contact details and order history",
    legal_basis="contract",
    data=[
        "user.account.username",
        "user.authorization.password",
        "user.contact.email",
        "user.name",
        "user.contact.phone_number",
        "user.contact.address",
        "user.device.ip_address",
    ],
    subjects=["customer"],
    uses=["essential.service.authentication"],
    retention="Until the account is deleted",
    requirement="An account is optional for browsing but needed to place an order",
)
class SignupView(CreateView):
    form_class = SignupForm
    template_name = "accounts/signup.html"
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form: SignupForm) -> HttpResponse:
        response = super().form_valid(form)
        Customer.objects.create(account=self.object, email=self.object.username)
        login(self.request, self.object)
        return response


class ProfileView(LoginRequiredMixin, UpdateView):
    form_class = ProfileForm
    template_name = "accounts/profile.html"
    success_url = reverse_lazy("accounts:profile")

    def get_object(self, queryset: Any = None) -> Customer:
        return self.request.user.customer


@receiver(user_logged_in)
def remember_login_ip(sender: type, request: HttpRequest, user: Account, **kwargs: Any) -> None:
    """Keep the last sign-in address so customers can spot sign-ins that were not theirs."""
    user.last_login_ip = getattr(request, "client_ip", None)
    user.save(update_fields=["last_login_ip"])
