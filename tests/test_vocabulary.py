"""Retention values, the taxonomy with ropa's legal data, and the vendor registry."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ropa.errors import ConfigError
from ropa.registry import (
    VENDOR_FIELDS,
    load_countries,
    load_registry,
    parse_vendors,
    transfer_safeguard,
)
from ropa.retention import RetentionError, parse_retention
from ropa.taxonomy import load_taxonomy, suggest
from ropa.yamlio import load_yaml


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("P30D", "30 days"),
        ("P6M", "6 months"),
        ("P2Y", "2 years"),
        ("P1Y6M", "1 year and 6 months"),
        ("P1Y2M3D", "1 year, 2 months and 3 days"),
        ("P1W", "1 week"),
        ("Until the account is deleted", "Until the account is deleted"),
    ],
)
def test_retention_in_words(value: str, text: str) -> None:
    assert parse_retention(value).text == text


@pytest.mark.parametrize("value", ["P3", "P-1Y", "3Y", "P", "", "  ", "P0D", "PT5H", "12"])
def test_broken_retention_is_refused(value: str) -> None:
    with pytest.raises(RetentionError):
        parse_retention(value)


@given(st.integers(0, 99), st.integers(0, 11), st.integers(0, 400))
def test_every_iso_duration_round_trips(years: int, months: int, days: int) -> None:
    iso = "P" + "".join(f"{n}{u}" for n, u in ((years, "Y"), (months, "M"), (days, "D")) if n)
    if iso == "P":
        return
    parsed = parse_retention(iso)
    assert parsed.iso == iso
    numbers = [int(n) for n in re.findall(r"\d+", parsed.text)]
    assert numbers == [n for n in (years, months, days) if n]


@given(st.text())
def test_retention_parses_or_refuses_never_crashes(value: str) -> None:
    try:
        result = parse_retention(value)
    except RetentionError:
        return
    assert result.text


def test_every_fideslang_category_has_a_label_and_a_ccpa_mapping() -> None:
    from fideslang.default_taxonomy import DEFAULT_TAXONOMY

    tax = load_taxonomy()
    for item in DEFAULT_TAXONOMY.data_category:
        term = tax.categories[item.fides_key]
        assert term.label and term.description.endswith("."), item.fides_key
        if item.fides_key.startswith("user"):
            assert term.ccpa, item.fides_key
            assert set(term.ccpa) <= set(tax.ccpa_categories), item.fides_key
    for kind, items in (
        ("uses", DEFAULT_TAXONOMY.data_use),
        ("subjects", DEFAULT_TAXONOMY.data_subject),
    ):
        for item in items:
            assert tax.kind(kind)[item.fides_key].label, item.fides_key


def test_special_categories_are_flagged() -> None:
    tax = load_taxonomy()
    art9 = [
        "user.health_and_medical",
        "user.health_and_medical.genetic",
        "user.biometric.fingerprint",
        "user.demographic.race_ethnicity",
        "user.demographic.political_opinion",
        "user.demographic.religious_belief",
        "user.demographic.philosophical_belief",
        "user.demographic.trade_union_membership",
        "user.demographic.sex_life",
        "user.demographic.sexual_orientation",
    ]
    for key in art9:
        assert tax.special(key) == "art9", key
    assert tax.special("user.criminal_history") == "art10"
    # A voice is biometric data only when processed to identify someone (Art. 4(14), 9(1)):
    # a voice message or a dictation to transcribe is not. open-webui's speech-to-text was
    # flagged Art. 9 (and asked explicit consent and a DPIA) for want of a plain category.
    assert tax.special("user.biometric.voice") == "art9"
    assert tax.special("user.content.voice") is None
    assert tax.kind("categories")["user.content.voice"].label == "Voice recordings"
    assert "identify" in tax.kind("categories")["user.biometric.voice"].description
    for key in ("user.contact.email", "user.device.ip_address", "user.demographic.gender"):
        assert tax.special(key) is None, key
    for key in (
        "user.financial.credit_card",
        "user.location.precise",
        "user.government_id.passport_number",
    ):
        assert tax.categories[key].ccpa_sensitive and "L" in tax.categories[key].ccpa


def test_did_you_mean() -> None:
    tax = load_taxonomy()
    assert suggest("user.contact.emial", tax.categories) == "user.contact.email"
    assert suggest("custmer", tax.subjects) == "customer"


def test_registry_holds_the_required_vendors() -> None:
    registry = load_registry()
    assert len(registry) >= 50
    expected = {
        "aws": ("Seattle, Washington, United States", "Hosting infrastructure"),
        "akamai": ("Cambridge, Massachusetts, United States", "CDN and WAF"),
        "cloudflare": ("San Francisco, California, United States", "CDN and WAF"),
        "logzio": ("Tel Aviv, Israel", "Logging services"),
    }
    for key, (location, services) in expected.items():
        assert (registry[key].location, registry[key].services) == (location, services)
    for key in ("stripe", "sendgrid", "mailgun", "hubspot", "sentry", "google-analytics", "openai"):
        assert key in registry
    countries = load_countries()
    for vendor in registry.values():
        assert vendor.country in countries.names, vendor.key
        # The place ends with the country's name, which a notice names in its own language.
        name = countries.names[vendor.country]
        assert vendor.location == name or vendor.location.endswith(f", {name}"), vendor.key
        assert vendor.privacy_policy.startswith("https://"), vendor.key
        assert vendor.source, vendor.key
    imports = [name for v in registry.values() for name in v.imports]
    assert len(imports) == len(set(imports)), "an import name belongs to two vendors"


def test_transfers_use_adequacy_dpf_or_declared_safeguards() -> None:
    registry, countries = load_registry(), load_countries()
    assert transfer_safeguard(registry["logzio"], countries) == "adequacy"
    assert transfer_safeguard(registry["aws"], countries) == "dpf"
    assert countries.adequacy["JP"].decided.isoformat() == "2019-01-23"
    assert "DE" in countries.eea and "US" not in countries.eea


def test_vendor_file_problems_name_vendors_yaml_line() -> None:
    text = "acme:\n  name: Acme\n  country: usa\n  colour: red\nBad_Key:\n  name: x\n"
    with pytest.raises(ConfigError) as info:
        parse_vendors(load_yaml(text, "vendors.yaml"), "vendors.yaml")
    problems = info.value.problems
    assert any(p.startswith("vendors.yaml:3: acme.country") for p in problems), problems
    assert any(p.startswith("vendors.yaml:4: acme.colour: unknown field") for p in problems)
    assert any(p.startswith("vendors.yaml:5: vendor key 'Bad_Key'") for p in problems)
    # region and transfer_document: where data is kept; sinks and hosts: what the flow
    # engine reads (not written into the record)
    assert len(VENDOR_FIELDS) == 17
