"""The sign-in account behind every customer (``AUTH_USER_MODEL``).

Staff sign in to the back office through the company SSO; this model holds customers only.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager
from django.db import models
from django.utils import timezone
from ropa import personal_data


class AccountManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, username: str, password: str | None = None, **extra: Any) -> Account:
        account = self.model(username=self.normalize_email(username), **extra)
        account.set_password(password)
        account.save(using=self._db)
        return account


@personal_data(
    subjects=["customer"],
    fields={
        # Customers sign in with their email address, so the username is one.
        "username": ["user.account.username", "user.contact.email"],
        # Inherited from AbstractBaseUser; holds an Argon2 hash, never the password itself.
        "password": "user.authorization.password",
        "last_login_ip": "user.device.ip_address",
    },
    retention="Until the account is deleted",
)
class Account(AbstractBaseUser):
    username = models.EmailField(max_length=254, unique=True)
    last_login_ip = models.GenericIPAddressField(null=True, blank=True)
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = AccountManager()

    USERNAME_FIELD = "username"
    EMAIL_FIELD = "username"

    def __str__(self) -> str:
        return self.username
