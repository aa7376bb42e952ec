"""Pieces the rules' examples share (each example is a whole file on the rules page)."""

from generator.load.codes import EXAMPLE_TOOL

HUBSPOT = EXAMPLE_TOOL
"""A valid tool file for the small catalog the examples are written over."""

RETIRED_SALESFORCE = """\
name: Salesforce Sales Cloud
vendor: Salesforce
category: crm
lifecycle: retired
owner: mops-manager
"""

LEAD_HANDOFF = """\
name: Lead hand-off
purpose: Pass qualified leads to sales.
owner: mops-manager
steps:
  - name: Agree the MQL definition
    raci:
      responsible: [automation-specialist]
      accountable: mops-manager
"""

SMALL_TEAM = """\
name: Small team
company_size: small
operating_model: one-person-band
members:
"""
