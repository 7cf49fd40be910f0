"""A ``processor`` marker inside the body of an activity's function joins that activity."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pytest

from ropa.collector import collect_source
from ropa.pipeline import Outcome

from .conftest import codes

Scan = Callable[[Mapping[str, str | bytes]], Outcome]


def joins(text: str) -> dict[str, tuple[str, ...]]:
    data = text.encode()
    fast = collect_source("app/shop.py", data)
    assert fast == collect_source("app/shop.py", data, exact_positions=True)
    return {p.vendor: p.joins for p in fast.processors}


CHECKOUT = (
    "from ropa import processing, processor\n"
    "import sentry_sdk\n"
    '@processing("Checkout", purpose="Take payment", legal_basis="contract",\n'
    '            data=["user.financial.credit_card"], subjects=["customer"], retention="P6Y")\n'
    "def checkout(order):\n"
    "    if order:\n"
    '        # ropa: processor("sentry", data=["user.device.ip_address"], purpose="Errors")\n'
    '        sentry_sdk.capture_message("checkout")\n'
    '    total = 1  # ropa: processor("stripe", data=["user.financial.credit_card"])\n'
)


def test_a_processor_comment_above_the_sdk_call_joins_the_decorated_function() -> None:
    assert joins(CHECKOUT) == {"sentry": ("Checkout",), "stripe": ("Checkout",)}


def test_the_comment_form_of_processing_is_joined_too() -> None:
    text = (
        '# ropa: processing("Newsletter", purpose="Send news", legal_basis="consent",\n'
        '#   data=["user.contact.email"], subjects=["customer"], retention="P1Y")\n'
        "async def send(batch):\n"
        "    for user in batch:\n"
        '        client = Mailchimp()  # ropa: processor("mailchimp", data=["user.name"])\n'
    )
    assert joins(text) == {"mailchimp": ("Newsletter",)}


def test_the_innermost_function_or_class_with_a_processing_wins() -> None:
    text = (
        "from ropa import processing, processor\n"
        '@processing("Outer")\n'
        "def outer():\n"
        "    def helper():\n"
        '        # ropa: processor("sentry")\n'
        "        capture()\n"
        '    @processing("Inner")\n'
        "    def inner():\n"
        '        # ropa: processor("stripe")\n'
        "        charge()\n"
        '    @processor("twilio")\n'
        "    def undecorated():\n"
        "        send()\n"
        '@processing("Service")\n'
        "class Service:\n"
        "    def run(self):\n"
        '        x = 1  # ropa: processor("aws")\n'
        '    @processing("Method")\n'
        "    def method(self):\n"
        '        # ropa: processor("mailgun")\n'
        "        post()\n"
    )
    assert joins(text) == {
        "sentry": ("Outer",),  # a helper nested in the activity's function is part of it
        "stripe": ("Inner",),
        "twilio": ("Outer",),  # on a def of its own without processing: the enclosing one
        "aws": ("Service",),
        "mailgun": ("Method",),
    }


def test_a_comment_after_the_last_statement_of_the_body_still_belongs_to_it() -> None:
    text = (
        "from ropa import processing\n"
        '@processing("Outer")\n'
        "def outer():\n"
        '    @processing("Inner")\n'
        "    def inner():\n"
        "        charge()\n"
        '        # ropa: processor("stripe")\n'
        "\n"
        '    # ropa: processor("sentry")\n'
        '# ropa: processor("aws")\n'
        "x = 1\n"
    )
    assert joins(text) == {"stripe": ("Inner",), "sentry": ("Outer",), "aws": ()}


def test_outside_any_activity_nothing_is_joined() -> None:
    text = (
        "from ropa import processing\n"
        '@processing("A")\n'
        "def a(): ...\n"
        "def b():\n"
        '    # ropa: processor("sentry")\n'
        "    capture()\n"
        '# ropa: processor("stripe")\n'
        "x = 1\n"
        "def a():\n"  # the same name again: a different function, without processing
        '    # ropa: processor("aws")\n'
        "    upload()\n"
    )
    assert joins(text) == {"sentry": (), "stripe": (), "aws": ()}


def test_a_linked_processor_reaches_the_record_without_a_gap(scan_tree: Scan) -> None:
    outcome = scan_tree({"app/shop.py": CHECKOUT})
    (activity,) = outcome.record.as_json()["activities"]
    assert activity["processors"] == ["sentry", "stripe"]
    assert not [g for g in outcome.record.as_json()["gaps"] if "not linked" in g["message"]]
    assert "ROPA202" not in codes(outcome)


@pytest.mark.parametrize("vendor_import", ["import sentry_sdk", "from stripe import Charge"])
def test_rop202_suggests_linking_the_vendor_to_an_activity(
    scan_tree: Scan, vendor_import: str
) -> None:
    outcome = scan_tree(
        {
            "app/a.py": vendor_import + "\nfrom ropa import processing\n"
            '@processing("A", purpose="p", legal_basis="contract", data=["user.name"],\n'
            '            subjects=["customer"], retention="P1Y")\n'
            "def a(): ...\n"
        }
    )
    (d,) = [d for d in outcome.diagnostics if d.code == "ROPA202"]
    assert d.hint is not None
    assert 'activity="..."' in d.hint and "processors=" in d.hint
    assert "inside the body of a function that has the processing" in d.hint


def test_a_vendor_named_only_in_processors_is_reported_where_it_is_named(scan_tree: Scan) -> None:
    # Khoj's trial: the 'AI chat' activity names anthropic in processors=, and a processor
    # comment for another vendor in another file joins the activity by activity=. The gaps
    # and notes about anthropic pointed at that other vendor's comment (the first of the
    # activity's places by path), not at the processing that names anthropic.
    outcome = scan_tree(
        {
            "app/a_search.py": "def search(city):\n"
            '    # ropa: processor("sentry", data=["user.name"], activity="Chat")\n'
            "    return city\n",
            "app/chat.py": "import anthropic\n"
            '# ropa: processing("Chat", purpose="Answer questions", legal_basis="contract",\n'
            '#   data=["user.name"], subjects=["customer"], processors=["anthropic"],\n'
            '#   retention="P1Y", requirement="Needed to answer")\n'
            "def chat(q): ...\n",
        }
    )
    about = [
        d
        for d in outcome.diagnostics
        if d.code in ("ROPA120", "ROPA207") and "'anthropic'" in d.message
    ]
    assert {d.code for d in about} == {"ROPA120", "ROPA207"}
    assert {(d.location.path, d.location.line) for d in about if d.location} == {("app/chat.py", 2)}


def test_rop207_points_at_the_activity_that_declares_the_unseen_data(scan_tree: Scan) -> None:
    # Khoj's trial: resend was named by 'Sign-in by e-mail' (e-mail address, in the code) and
    # by 'Customer support' in ropa.yaml (name too); the note that no code sends resend a name
    # pointed at the sign-in function, which never declared the name.
    outcome = scan_tree(
        {
            "app/mail.py": "import sentry_sdk\n"
            '# ropa: processing("Sign-in", purpose="Send a sign-in link", legal_basis="contract",\n'
            '#   data=["user.contact.email"], subjects=["customer"], processors=["sentry"],\n'
            '#   retention="P1D", requirement="Needed to sign in")\n'
            "def sign_in(user):\n"
            "    sentry_sdk.capture_message(user.email)\n",
            "app/support.py": '# ropa: processing("Support", purpose="Answer questions",\n'
            '#   legal_basis="contract", data=["user.name"], subjects=["customer"],\n'
            '#   processors=["sentry"], retention="P1Y", requirement="Needed to answer")\n'
            "def support(q): ...\n",
        }
    )
    (note,) = [d for d in outcome.diagnostics if d.code == "ROPA207"]
    assert "user.name" in note.message and "user.contact.email" not in note.message
    assert note.location is not None
    assert (note.location.path, note.location.line) == ("app/support.py", 1)


SIGNUP = (
    '# ropa: processing("Account registration", purpose="Create an account",\n'
    '#   legal_basis="contract", data=["user.contact.email", "user.authorization.password"],\n'
    '#   subjects=["customer"], retention="P1Y", requirement="Needed for an account")\n'
    "def register(user):\n"
    "    send_confirmation(user)\n"
    "def send_confirmation(user):\n"
    '    # ropa: processor("mailgun", data=["user.contact.email"],\n'
    '    #   activity="Account registration")\n'
    "    mail(user.email)\n"
    "def report(user):\n"
    '    # ropa: processor("sentry", activity="Account registration")\n'
    "    capture(user)\n"
    '# ropa: processing("Card payments", purpose="Take payment", legal_basis="contract",\n'
    '#   data=["user.financial.credit_card", "user.name"], subjects=["customer"],\n'
    '#   processors=["stripe"], retention="P1Y", requirement="Needed to pay")\n'
    "def pay(order):\n"
    "    charge(order)\n"
    '# ropa: processor("stripe", data=["user.financial.credit_card"], activity="Card payments")\n'
    "def refund(order):\n"
    "    give_back(order)\n"
)


def test_a_processor_receives_the_data_its_marker_names_not_all_of_the_activitys(
    scan_tree: Scan,
) -> None:
    """FitTrackee's trial: a Mailgun comment said it receives the e-mail address of
    'Account registration', and the notice told users Mailgun receives their password too,
    because every vendor of an activity was given all of the activity's data. A marker's
    data= says what that vendor receives for that activity; without data=, a vendor
    receives the activity's data as before, and so does one the activity names itself in
    processors= (a refund marker does not narrow what the payment sends)."""
    record = scan_tree({"app/signup.py": SIGNUP}).record
    vendors = {v.key: v for v in record.vendors}
    assert vendors["mailgun"].data_categories == ("user.contact.email",)
    assert vendors["sentry"].data_categories == (
        "user.authorization.password",
        "user.contact.email",
    )
    assert vendors["stripe"].data_categories == ("user.financial.credit_card", "user.name")
