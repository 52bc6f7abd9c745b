"""Batches of call-in signatures an officer should look at before a count is trusted.

A batch is signatures sharing something a genuine petition rarely has in bulk: one
residency address (postcode and first line, or UPRN), one clock minute, or a disposable
email domain. Being listed is not proof of anything: the clerk reviews each batch and
removes only what they judge fake (``services.call_in_review``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext

from coopcouncil.core.errors import NotFound
from coopcouncil.democracy import policy
from coopcouncil.democracy.models import CallInPetition, CallInSignature
from coopcouncil.people.selectors import verified_addresses


@dataclass(frozen=True)
class SuspiciousBatch:
    """Signatures that share one thing; ``kind`` is same_address, same_minute or
    disposable_email, ``label`` says what they share (for the officer, not the public)."""

    kind: str
    label: str
    signatures: tuple[CallInSignature, ...]


def call_in_petition_of(decision) -> CallInPetition:
    """The decision's call-in petition (a draft decision has none)."""
    petition = CallInPetition.objects.filter(decision=decision).first()
    if petition is None:
        raise NotFound("call_in_not_found", gettext("This decision has no call-in."))
    return petition


def suspicious_batches(petition: CallInPetition) -> list[SuspiciousBatch]:
    """Every batch on the petition, largest first within each kind."""
    signatures = list(petition.signatures.select_related("signer", "ward").order_by("id"))
    addresses = verified_addresses({s.signer_id for s in signatures})
    by_address: dict[str, list[CallInSignature]] = defaultdict(list)
    by_minute: dict[str, list[CallInSignature]] = defaultdict(list)
    disposable: list[CallInSignature] = []
    domains = policy.disposable_email_domains()
    for signature in signatures:
        address = addresses.get(signature.signer_id)
        if address is not None:
            by_address[_address_key(address)].append(signature)
        minute = timezone.localtime(signature.signed_at).strftime("%d %b %Y %H:%M")
        by_minute[minute].append(signature)
        if signature.signer.email.rpartition("@")[2].lower() in domains:
            disposable.append(signature)
    batches = _batches(
        "same_address", by_address, policy.suspicious_same_address_signatures()
    ) + _batches("same_minute", by_minute, policy.suspicious_same_minute_signatures())
    if disposable:
        label = gettext("Disposable email addresses")
        batches.append(SuspiciousBatch("disposable_email", label, tuple(disposable)))
    return batches


def _address_key(address) -> str:
    if address.uprn:
        return gettext("UPRN %(uprn)s") % {"uprn": address.uprn}
    first_line = address.address.split(",")[0].strip().upper()
    return f"{first_line}, {address.postcode.upper()}"


def _batches(
    kind: str, groups: dict[str, list[CallInSignature]], smallest: int
) -> list[SuspiciousBatch]:
    found = [
        SuspiciousBatch(kind, label, tuple(group))
        for label, group in groups.items()
        if len(group) >= smallest
    ]
    return sorted(found, key=lambda batch: -len(batch.signatures))
