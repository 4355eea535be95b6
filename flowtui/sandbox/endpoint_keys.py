"""The business encryption keys of the sandbox's phone numbers (reference §8.7).

Each phone number gets an RSA 2048 pair the first time it is needed, for the life of the
process: ``GET /{phone-number-id}/whatsapp_business_encryption`` serves the public half, and the
demo endpoint decrypts with the private half, as a business's endpoint would.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from cryptography.hazmat.primitives.asymmetric import rsa

from flowtui.endpoint.crypto import public_pem

KEY_BITS = 2048
SIGNATURE_VALID = "VALID"
SIGNED = {"business_public_key_signature_status": SIGNATURE_VALID}  # Graph signs every upload


@dataclass
class EndpointKeys:
    _private: dict[str, rsa.RSAPrivateKey] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def private_key(self, phone_number_id: str) -> rsa.RSAPrivateKey:
        with self._lock:
            key = self._private.get(phone_number_id)
            if key is None:
                key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_BITS)
                self._private[phone_number_id] = key
            return key

    def public_key_node(self, phone_number_id: str) -> dict[str, str]:
        """One item of the edge's ``data`` (the form Meta's OpenAPI spec gives)."""
        return {
            "business_public_key": public_pem(self.private_key(phone_number_id).public_key()),
            **SIGNED,
        }
