"""The run-time markers: standard library only, and transparent to the decorated code."""

from __future__ import annotations

import subprocess
import sys

import ropa
from ropa import personal_data, processing, processor


def test_import_ropa_pulls_in_no_heavy_dependency() -> None:
    code = (
        "import sys, ropa\n"
        "from ropa import processing\n"
        "heavy = [m for m in ('libcst', 'jinja2', 'weasyprint', 'fideslang', 'yaml', 'click')"
        " if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_markers_return_the_object_unchanged() -> None:
    @processor("stripe", data=["user.financial.credit_card"], purpose="Payments")
    @processing(
        "Payments",
        purpose="Take payments",
        legal_basis="contract",
        data=["user.financial.credit_card"],
        subjects=["customer"],
    )
    def pay(amount: int) -> int:
        return amount * 2

    @personal_data(subjects=["customer"], fields={"email": "user.contact.email"})
    class Customer:
        email = "a@b.c"

    assert pay(21) == 42
    assert pay.__name__ == "pay"
    assert Customer.email == "a@b.c"
    assert ropa.processing is processing
