"""Nightly job: pulls invoices from the billing provider and stores them."""
import logging
import os

import requests

log = logging.getLogger(__name__)
BILLING_URL = os.environ.get("BILLING_URL", "https://billing.example.com")


def fetch_invoices(since: str) -> list:
    response = requests.get(f"{BILLING_URL}/invoices", params={"since": since}, verify=False)
    response.raise_for_status()
    return response.json()["invoices"]


def store(invoice: dict) -> None:
    session = requests.Session()
    session.post(f"{BILLING_URL}/ack", json={"id": invoice["id"]}, timeout=5)
    try:
        os.makedirs("/var/lib/jobs", exist_ok=True)
    except Exception:
        pass


def main() -> None:
    for invoice in fetch_invoices("2024-01-01"):
        store(invoice)
    log.info("sync finished")


if __name__ == "__main__":
    main()
