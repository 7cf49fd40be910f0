"""Integrations with payment, email and fraud-screening services."""
