"""Run-time markers that declare personal data, processing activities and processors.

Standard library only: an application that imports these pays nothing, and ropa reads them
statically without ever importing the application. Each marker returns the decorated object
unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TypeVar

__all__ = ["personal_data", "processing", "processor"]

_T = TypeVar("_T")


def _identity(obj: _T) -> _T:
    return obj


def personal_data(
    *,
    subjects: Iterable[str] = (),
    fields: Mapping[str, str | Iterable[str]] | None = None,
    retention: str | None = None,
    source: str | None = None,
) -> Callable[[_T], _T]:
    """Declare that a class holds personal data: which fields, of whom, for how long."""
    return _identity


def processing(
    name: str,
    *,
    purpose: str,
    legal_basis: str | None = None,
    data: Iterable[str],
    subjects: Iterable[str],
    uses: Iterable[str] = (),
    processors: Iterable[str] = (),
    retention: str | None = None,
    legitimate_interest: str | None = None,
    special_category_basis: str | Mapping[str, str] | None = None,
    recipients: Iterable[str] = (),
    source: str | None = None,
    automated_decision: str | None = None,
    profiling: bool = False,
    requirement: str | None = None,
    notice: bool = True,
    role: str | None = None,
    on_behalf_of: Iterable[str] = (),
    joint_controllers: Iterable[str] = (),
    description: str | None = None,
    owner: str | None = None,
    lia: str | None = None,
    dpia: str | None = None,
    consent_record: str | None = None,
    withdrawal: str | None = None,
    automated_decision_exception: str | None = None,
    automated_decision_effects: str | None = None,
    retention_policy: str | None = None,
) -> Callable[[_T], _T]:
    """Declare a processing activity (GDPR Art. 30(1)) carried out by the decorated code.

    ``legal_basis`` is required of controller and joint controller activities; a processor
    activity (``role="processor"``, ``on_behalf_of=[client keys]``) has none of its own.
    """
    return _identity


def processor(
    vendor: str,
    *,
    data: Iterable[str] = (),
    purpose: str | None = None,
    activity: str | None = None,
    region: str | None = None,
) -> Callable[[_T], _T]:
    """Declare that the decorated code discloses personal data to a vendor (kept in
    ``region``: a cloud region code such as ``eu-central-1``, or an ISO country code)."""
    return _identity
