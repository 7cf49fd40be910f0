"""The draft notice's checklist of gaps ("Before you publish"), worded in the notice's language."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ropa import i18n
from ropa.i18n import N_

#: What each gap leaves undeclared, by where it is (``project``, ``activity``, ``vendor``),
#: its item and the part of the item (``*`` stands for a key the project chose). Each is a
#: message of ropa's catalog with the name of the ``ropa.yaml`` key or declaration argument
#: that resolves it (``%(key)s``), which stays as written in every language.
_TEXTS: dict[str, tuple[str, str]] = {
    "project art30_1_a_controller:name": (N_("controller name"), ""),
    "project art30_1_a_controller:contact": (
        N_("how to contact the controller (email, phone or address)"),
        "",
    ),
    "project art30_1_a_controller:placeholder": (
        N_("the controller's own details: these are still the placeholders of 'ropa init'"),
        "",
    ),
    "project art30_1_a_dpo": (N_("data protection officer (%(key)s in ropa.yaml)"), "dpo"),
    "project art30_1_a_dpo:name": (N_("data protection officer name"), ""),
    "project art30_1_a_dpo:contact": (
        N_("how to contact the data protection officer (email, phone or address)"),
        "",
    ),
    "project art30_1_a_dpo:placeholder": (
        N_(
            "the data protection officer's own details: these are still the placeholders of "
            "'ropa init'"
        ),
        "",
    ),
    "project art27_representative": (
        N_("our representative in the Union (%(key)s in ropa.yaml)"),
        "representative",
    ),
    "project art27_representative:name": (N_("representative name"), ""),
    "project art27_representative:contact": (
        N_("how to contact the representative (email, phone or address)"),
        "",
    ),
    "project art27_representative:placeholder": (
        N_("the representative's own details: these are still the placeholders of 'ropa init'"),
        "",
    ),
    "project art13_2_d_supervisory_authority": (
        N_("the supervisory authority responsible for us (%(key)s in ropa.yaml)"),
        "supervisory_authority",
    ),
    "project art13_2_d_supervisory_authority:name": (N_("supervisory authority name"), ""),
    "project art13_2_d_supervisory_authority:contact": (
        N_("how to contact the supervisory authority (email, phone or address)"),
        "",
    ),
    "project art30_1_g_security": (
        N_("security measures (%(key)s in ropa.yaml)"),
        "security_measures",
    ),
    "project notice_effective_date": (
        N_("effective date (%(key)s in ropa.yaml)"),
        "notice.effective_date",
    ),
    "project notice_children_min_age": (
        N_("the minimum age for our services (%(key)s in ropa.yaml)"),
        "notice.children_min_age",
    ),
    "project art30_2_a_clients": (
        N_(
            "clients: the controllers on whose behalf we process, each with its name and "
            "contact (%(key)s in ropa.yaml)"
        ),
        "clients",
    ),
    "project ccpa_categories": (N_("CCPA categories of the data collected"), ""),
    "project art26_joint_controllers:*-contact": (
        N_("how to contact the joint controller %(name)s (%(key)s in ropa.yaml)"),
        "joint_controllers",
    ),
    "project art26_joint_controllers:*-responsibilities": (
        N_(
            "the respective responsibilities of the joint controller %(name)s and ours "
            "(%(key)s in ropa.yaml)"
        ),
        "joint_controllers",
    ),
    "project art26_joint_controllers:*-arrangement": (
        N_("the essence of the arrangement with %(name)s (%(ref)s)"),
        "",
    ),
    "activity art30_1_b_purpose": (N_("purpose"), ""),
    "activity art13_1_c_legal_basis": (N_("legal basis"), ""),
    "activity art30_1_c_categories": (N_("categories of personal data"), ""),
    "activity art30_1_c_subjects": (N_("categories of data subjects"), ""),
    "activity art13_1_d_legitimate_interest": (N_("the legitimate interest we pursue"), ""),
    "activity art9_condition": (N_("Art. 9(2) condition or Art. 10 basis"), ""),
    "activity art30_1_f_retention": (N_("retention period"), ""),
    "activity art30_1_d_recipients": (
        N_("who the recipient %(vendor)s is: its name, location and role (%(key)s in ropa.yaml)"),
        "vendors",
    ),
    "activity art30_1_e_transfers": (N_("transfer safeguard for %(vendor)s"), ""),
    "activity art13_2_e_requirement": (
        N_(
            "whether providing the data is a statutory or contractual requirement, and what "
            "follows if it is not provided (%(key)s)"
        ),
        "requirement=",
    ),
    "activity lia": (N_("where the legitimate interests assessment is (%(key)s)"), "lia="),
    "activity consent_record": (N_("where consent is recorded (%(key)s)"), "consent_record="),
    "activity art13_2_c_withdrawal": (
        N_("how a person withdraws consent (%(key)s)"),
        "withdrawal=",
    ),
    "activity art35_dpia": (N_("a DPIA decision (%(key)s)"), "dpia="),
    "activity art22_2_exception": (
        N_("the exception under %(ref)s that allows the automated decision (%(key)s)"),
        "automated_decision_exception=",
    ),
    "activity art13_2_f_automated_decision": (
        N_(
            "the significance and envisaged consequences of the automated decision for the "
            "person (%(key)s)"
        ),
        "automated_decision_effects=",
    ),
    "activity art30_2_a_clients": (N_("the clients this is done for (%(key)s)"), "on_behalf_of="),
    "activity art30_2_a_clients:*": (
        N_("the client %(name)s, which is not declared (%(key)s in ropa.yaml)"),
        "clients",
    ),
    "activity art26_joint_controllers": (
        N_("the joint controllers (%(key)s)"),
        "joint_controllers=",
    ),
    "activity art26_joint_controllers:*": (
        N_("the joint controller %(name)s, which is not declared (%(key)s in ropa.yaml)"),
        "joint_controllers",
    ),
    "vendor art30_1_d_recipients:unknown-activity": (
        N_("the activity it serves: %(key)s names none that is declared"),
        "activity=",
    ),
    "vendor art30_1_d_recipients:unlinked": (
        N_("the activity for which it receives personal data (%(key)s)"),
        "activity=",
    ),
    "vendor art30_1_d_recipients:undeclared": (
        N_("what it receives and why: the code uses it, but no declaration says so"),
        "",
    ),
    "vendor art28_3_dpa": (N_("data processing agreement (%(key)s)"), "dpa"),
}

#: The GDPR articles the texts cite, by item (``%(ref)s``), in the language's form.
_REFS = {"art26_joint_controllers": "26(2)", "art22_2_exception": "22(2)"}


def gap_text(
    gap: Mapping[str, Any],
    lang: str,
    quote: Callable[[str], str] = str,
    code: Callable[[str], str] = str,
) -> str | None:
    """What ``gap`` (a record gap, as templates see it) leaves undeclared, in ``lang``; None
    for a gap of a kind this module does not word. ``quote`` escapes text for the document
    (the message and the names in it) and ``code`` shows the key that resolves the gap."""
    item = str(gap["item"])
    activity, vendor = gap.get("activity"), gap.get("vendor")
    scope = "activity" if activity else "vendor" if vendor else "project"
    part = _part(gap)
    values = {"vendor": str(vendor or ""), "name": "", "ref": ""}
    found = _TEXTS.get(f"{scope} {item}:{part}") if part else _TEXTS.get(f"{scope} {item}")
    if found is None and part:
        # A key the project chose: an activity's unknown client or joint controller, or what
        # a joint controller's own entry lacks ("acme-contact").
        name, dash, what = part.rpartition("-")
        found = _TEXTS.get(f"{scope} {item}:*-{what}") if dash else None
        if found is None:
            name, found = part, _TEXTS.get(f"{scope} {item}:*")
        values["name"] = name
    if found is None:
        return None
    message, key = found
    if item in _REFS:
        values["ref"] = i18n.gdpr_citation(_REFS[item], lang)
    quoted = {k: quote(v) for k, v in values.items()}
    return quote(i18n.translations(lang).gettext(message)) % {**quoted, "key": code(key)}


def _part(gap: Mapping[str, Any]) -> str:
    """The part of the gap's item its id names after the item, its activity and its vendor
    (``name`` of ``art30_1_a_dpo:name``, ``unlinked`` of ``art30_1_d_recipients:stripe:unlinked``);
    an SDK nobody declared is ``undeclared``."""
    rest = str(gap["id"]).split(":")[1:]
    if gap.get("activity") and rest:
        rest = rest[1:]  # the activity's slug
    vendor = gap.get("vendor")
    if vendor in rest:
        rest.remove(vendor)
    return ":".join(rest)
