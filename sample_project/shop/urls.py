"""URL routes of the shop."""

from django.urls import include, path

from . import views
from .accounts import views as account_views

app_name = "shop"

account_patterns = (
    [
        path("signup/", account_views.SignupView.as_view(), name="signup"),
        path("profile/", account_views.ProfileView.as_view(), name="profile"),
        path("", include("django.contrib.auth.urls")),
    ],
    "accounts",
)

urlpatterns = [
    path("", views.product_list, name="product-list"),
    path("checkout/", views.checkout, name="checkout"),
    path("orders/<str:number>/complete/", views.order_complete, name="order-complete"),
    path("webhooks/stripe/", views.stripe_webhook, name="stripe-webhook"),
    path("accounts/", include(account_patterns)),
]
