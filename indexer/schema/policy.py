"""The source policy: is a source's host official, recognised or refused (schema/source-policy.yaml)."""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

from indexer.schema import source_policy

OFFICIAL, RECOGNISED, REFUSED, UNKNOWN = "official", "recognised", "refused", "unknown"
# Host labels that name a test or staging server, on any domain.
_TEST_LABEL = re.compile(r"^(test|tests|testing|staging|stage|stg|pstg\d*|dev|qa|preprod|uat|sandbox)"
                         r"(\d+)?$")


@dataclass(frozen=True)
class HostClass:
    kind: str  # official | recognised | refused | unknown
    host: str
    why: str  # the organisation's name, or the reason for refusing it


@cache
def _table() -> dict[str, tuple[str, str]]:
    table: dict[str, tuple[str, str]] = {}
    for kind, items in source_policy().items():
        for item in items:
            table[item["domain"].lower()] = (kind, item.get("name") or item.get("reason") or "")
    return table


def classify(url: str) -> HostClass:
    """The class of ``url``'s host. Malformed hosts are refused with the reason."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = parts.port
    except ValueError:
        return HostClass(REFUSED, "", "not a well-formed URL")
    raw_host = parts.netloc.rsplit("@", 1)[-1]
    if parts.scheme != "https":
        return HostClass(REFUSED, host, "not an https address")
    if "@" in parts.netloc:
        return HostClass(REFUSED, host, "the address carries user information")
    if not host:
        return HostClass(REFUSED, host, "the address has no host")
    if raw_host.split(":")[0].endswith("."):
        return HostClass(REFUSED, host, "the host ends with a dot")
    if port is not None:
        return HostClass(REFUSED, host, "the address names a port")
    try:
        ipaddress.ip_address(host.strip("[]"))
        return HostClass(REFUSED, host, "the host is an IP address, not a publisher's name")
    except ValueError:
        pass
    labels = host.lower().split(".")
    if any(_TEST_LABEL.match(label) for label in labels[:-2]):
        return HostClass(REFUSED, host, "a test or staging server")
    table = _table()
    for i in range(len(labels)):
        domain = ".".join(labels[i:])
        if domain in table:
            kind, why = table[domain]
            return HostClass(kind, host, why)
    return HostClass(UNKNOWN, host, "not in the source policy")
