"""HubSpot CRM access for account research."""
import os

from hubspot import HubSpot

from quiver import tool

hs = HubSpot(access_token=os.environ["HUBSPOT_TOKEN"])


@tool
def get_account(domain: str) -> dict:
    """The company record for a domain, with its deals and owner."""
    res = hs.crm.companies.search_api.do_search({"filterGroups": [{"filters": [{"propertyName": "domain", "operator": "EQ", "value": domain}]}]})
    return res.results[0].to_dict() if res.results else {}


@tool
def log_activity(company_id: str, note: str) -> str:
    """Adds a note to the company's timeline; returns the note id."""
    note_obj = hs.crm.objects.notes.basic_api.create({"properties": {"hs_note_body": note}})
    hs.crm.associations.v4.basic_api.create("notes", note_obj.id, "companies", company_id, [])
    return note_obj.id
