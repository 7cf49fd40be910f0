"""The commented ``ropa.yaml`` that ``ropa init`` writes."""

from __future__ import annotations

_STARTER = """\
# ropa.yaml: what the code cannot say about your processing of personal data.
# Reference: docs/annotations.md (the ropa.yaml section) and the README. Every key is
# optional except controller; 'ropa scan' reports each one still missing or still a
# placeholder below (Example Ltd, example.com) until you replace it.

# Art. 30(1)(a): who decides why and how personal data is processed, and how to reach them.
controller:
  name: Example Ltd
  address: 1 Example Street, 10115 Berlin, Germany
  email: privacy@example.com
  # phone: +49 30 1234567
  # website: https://example.com
  # country: DE    # where you are established (ISO code); outside the EEA, add a representative

# Data protection officer (Art. 37), if you have one; or say why none is required.
# dpo: {name: Jane Doe, email: dpo@example.com}
# dpo: {required: false, reason: "No large-scale monitoring and no Art. 9 data as a core activity"}

# EU representative (Art. 27), if you are established outside the EU.
# representative: {name: ..., address: ..., email: ...}

# supervisory_authority: {name: ..., url: https://...}

role: controller          # the default role of each activity (or processor)
# Controllers you process data for: activities done for them say role="processor",
# on_behalf_of=["client-gmbh"], and the record gets an Art. 30(2) part per client.
# clients: [{key: client-gmbh, name: Client GmbH, contact: dpo@client.example}]
# Organisations you decide some processing with (Art. 26): joint_controllers=["partner"].
# joint_controllers: {partner: {name: ..., contact: ..., responsibilities: ..., arrangement: ...}}

jurisdictions: [gdpr]     # add ccpa for the California section of the notice

# Art. 30(1)(g): a general description of technical and organisational security measures.
security_measures:
  - Encryption of personal data in transit (TLS 1.2+) and at rest
  - Access to production data limited to named staff, with multi-factor authentication

# Processing that no code shows (payroll, recruitment, paper forms).
activities: []
#  - name: Recruitment
#    purpose: Assess applications for open positions
#    legal_basis: contract
#    data: [user.name, user.contact.email, user.workplace]
#    subjects: [job_applicant]
#    retention: P6M

# Accountability (Art. 5(2), 33): where the papers the record points to are kept.
# breach: {procedure: https://..., register: ...}
# review: {date: YYYY-MM-DD, by: ...}
# privacy_policy_url: https://...

# Vendors the registry lacks, or facts to override (see 'ropa vendors'), such as the cloud
# region your account keeps data in: transfers follow it ('ropa vendors aws' lists regions).
vendors: {}
#  aws: {region: eu-central-1}

notice:
  # effective_date: YYYY-MM-DD   # the day this version of the notice takes effect
  children_min_age: 16

scan:
  paths: [.]
  exclude: ["tests/**"]
"""


def starter_config() -> str:
    """The text of a new ``ropa.yaml``; its placeholders are errors until replaced."""
    return _STARTER
