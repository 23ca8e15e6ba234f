"""C2SP signed notes (c2sp.org/signed-note) with Ed25519 keys, in Go's key formats:

  private key   PRIVATE+KEY+<name>+<8 hex key id>+<base64(0x01 || 32-byte seed)>
  verifier key  <name>+<8 hex key id>+<base64(0x01 || 32-byte public key)>

key id = the first 4 bytes of SHA-256(name || 0x0A || 0x01 || public key)."""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from .errors import TlogError

ED25519 = b"\x01"  # the signature type byte
SIGNATURE_MARK = "— "  # U+2014 and a space start each signature line
_NAME = re.compile(r"[^\s+]+")


def key_id(name: str, public_key: bytes) -> int:
    return int.from_bytes(hashlib.sha256(name.encode() + b"\n" + ED25519 + public_key).digest()[:4], "big")


def _b64decode(text: str) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise TlogError("key_malformed") from None


def _raw(public: Ed25519PublicKey) -> bytes:
    return public.public_bytes(Encoding.Raw, PublicFormat.Raw)


@dataclass(frozen=True)
class Verifier:
    name: str
    key_id: int
    public_key: Ed25519PublicKey

    def verifies(self, body: bytes, signature: bytes) -> bool:
        try:
            self.public_key.verify(signature, body)
        except InvalidSignature:
            return False
        return True


@dataclass(frozen=True)
class Signer:
    name: str
    key_id: int
    private_key: Ed25519PrivateKey

    @property
    def verifier_key(self) -> str:
        public = _raw(self.private_key.public_key())
        return f"{self.name}+{self.key_id:08x}+{base64.b64encode(ED25519 + public).decode()}"

    @property
    def private_key_line(self) -> str:
        from cryptography.hazmat.primitives.serialization import NoEncryption, PrivateFormat

        seed = self.private_key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
        return f"PRIVATE+KEY+{self.name}+{self.key_id:08x}+{base64.b64encode(ED25519 + seed).decode()}"


def _checked_name(name: str) -> str:
    if not _NAME.fullmatch(name):
        raise TlogError("key_name", name=name)
    return name


def generate_signer(name: str) -> Signer:
    """A new key named `name` (its `.private_key_line` is what `load_signer` reads)."""
    private = Ed25519PrivateKey.generate()
    return Signer(_checked_name(name), key_id(name, _raw(private.public_key())), private)


def parse_signer(line: str) -> Signer:
    parts = line.strip().split("+", 4)  # base64 may hold a "+"
    if len(parts) != 5 or parts[:2] != ["PRIVATE", "KEY"] or not _NAME.fullmatch(parts[2]):
        raise TlogError("key_malformed")
    name, hex_id, encoded = parts[2:]
    material = _b64decode(encoded)
    if len(material) != 33 or material[:1] != ED25519 or not re.fullmatch(r"[0-9a-f]{8}", hex_id):
        raise TlogError("key_malformed")
    private = Ed25519PrivateKey.from_private_bytes(material[1:])
    signer = Signer(name, key_id(name, _raw(private.public_key())), private)
    if signer.key_id != int(hex_id, 16):
        raise TlogError("key_malformed")
    return signer


def load_signer(path: Path) -> Signer:
    """The private key in the file at `path` (one line, Go's note private-key format)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise TlogError("key_malformed") from None
    return parse_signer(text)


def parse_verifier(vkey: str) -> Verifier:
    parts = vkey.strip().split("+", 2)
    if len(parts) != 3 or not _NAME.fullmatch(parts[0]) or not re.fullmatch(r"[0-9a-f]{8}", parts[1]):
        raise TlogError("key_malformed")
    name, hex_id, encoded = parts
    material = _b64decode(encoded)
    if len(material) != 33 or material[:1] != ED25519:
        raise TlogError("key_malformed")
    public = Ed25519PublicKey.from_public_bytes(material[1:])
    if key_id(name, material[1:]) != int(hex_id, 16):
        raise TlogError("key_malformed")
    return Verifier(name, int(hex_id, 16), public)


def _checked_body(body: str) -> None:
    if not body.endswith("\n") or body == "\n" or any(ord(c) < 0x20 and c != "\n" for c in body):
        raise TlogError("note_malformed")


def sign_note(body: str, signer: Signer) -> str:
    """`body` (ending in a newline) as a signed note with one signature by `signer`."""
    _checked_body(body)
    signature = signer.private_key.sign(body.encode("utf-8"))
    encoded = base64.b64encode(signer.key_id.to_bytes(4, "big") + signature).decode()
    return f"{body}\n{SIGNATURE_MARK}{signer.name} {encoded}\n"


@dataclass(frozen=True)
class NoteSignature:
    name: str
    key_id: int
    signature: bytes


def split_note(text: str) -> tuple[str, list[NoteSignature]]:
    """A note's body and its signature lines (none for a bare body: an unsigned checkpoint)."""
    if any(ord(c) < 0x20 and c != "\n" for c in text) or not text.endswith("\n"):
        raise TlogError("note_malformed")
    body, separator, lines = text[:-1].rpartition("\n\n")
    if not separator:
        return text, []
    signatures = [_signature(line) for line in lines.split("\n")]
    return body + "\n", signatures


def _signature(line: str) -> NoteSignature:
    name, _, encoded = line.removeprefix(SIGNATURE_MARK).partition(" ")
    if not line.startswith(SIGNATURE_MARK) or not _NAME.fullmatch(name):
        raise TlogError("note_malformed")
    try:
        raw = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        raise TlogError("note_malformed") from None
    if len(raw) < 5:
        raise TlogError("note_malformed")
    return NoteSignature(name, int.from_bytes(raw[:4], "big"), raw[4:])


def verify_note(text: str, verifier_key: str) -> str:
    """The note's body if a signature by `verifier_key` verifies; TlogError("note_unsigned")
    when no signature is by that key, ("note_bad_signature") when one is and fails."""
    verifier = parse_verifier(verifier_key)
    body, signatures = split_note(text)
    ours = [s for s in signatures if (s.name, s.key_id) == (verifier.name, verifier.key_id)]
    if not ours:
        raise TlogError("note_unsigned", name=verifier.name)
    if not all(verifier.verifies(body.encode("utf-8"), s.signature) for s in ours):
        raise TlogError("note_bad_signature", name=verifier.name)
    return body
