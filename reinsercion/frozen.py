"""The fingerprint of a frozen document (signed contract, consent, court report): the SHA-256 of
its content written as canonical JSON, so that the same content always gives the same hash."""

import hashlib
import json


def canonical_sha256(payload) -> str:
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
