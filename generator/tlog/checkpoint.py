"""C2SP checkpoints (c2sp.org/tlog-checkpoint) and proofs (c2sp.org/tlog-proof), as text."""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass, field

from .errors import TlogError
from .merkle import HASH_SIZE
from .note import NoteSignature, split_note

PROOF_HEADER = "c2sp.org/tlog-proof@v1"
_DECIMAL = re.compile(r"0|[1-9][0-9]*")


def _hash(text: str, problem: str) -> bytes:
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise TlogError(problem) from None
    if len(raw) != HASH_SIZE:
        raise TlogError(problem)
    return raw


def checkpoint_body(origin: str, size: int, root: bytes) -> str:
    """The note text of a checkpoint: origin, size, base64 root, each on a line."""
    if not origin or "\n" in origin or size < 0 or len(root) != HASH_SIZE:
        raise TlogError("checkpoint_malformed")
    return f"{origin}\n{size}\n{base64.b64encode(root).decode()}\n"


@dataclass(frozen=True)
class Checkpoint:
    origin: str
    size: int
    root: bytes
    extensions: tuple[str, ...] = ()
    signatures: tuple[NoteSignature, ...] = field(default=())
    body: str = ""  # the note text the signatures sign


def parse_checkpoint(text: str) -> Checkpoint:
    """A checkpoint, signed or not; its signatures are read, not verified (`verify_note`)."""
    body, signatures = split_note(text)
    lines = body[:-1].split("\n")
    if len(lines) < 3 or not lines[0] or not _DECIMAL.fullmatch(lines[1]) or not all(lines[3:]):
        raise TlogError("checkpoint_malformed")
    root = _hash(lines[2], "checkpoint_malformed")
    return Checkpoint(lines[0], int(lines[1]), root, tuple(lines[3:]), tuple(signatures), body)


def proof_text(index: int, hashes: list[bytes], checkpoint_text: str, extra: bytes | None = None) -> str:
    """A tlog-proof: header, optional extra, index, the inclusion proof, a blank line, the checkpoint."""
    if index < 0 or any(len(h) != HASH_SIZE for h in hashes):
        raise TlogError("proof_malformed")
    lines = [PROOF_HEADER]
    if extra is not None:
        lines.append(f"extra {base64.b64encode(extra).decode()}")
    lines.append(f"index {index}")
    lines += [base64.b64encode(h).decode() for h in hashes]
    return "\n".join(lines) + "\n\n" + checkpoint_text


@dataclass(frozen=True)
class Proof:
    index: int
    hashes: list[bytes]
    checkpoint_text: str
    extra: bytes | None = None

    @property
    def checkpoint(self) -> Checkpoint:
        return parse_checkpoint(self.checkpoint_text)


def parse_proof(text: str) -> Proof:
    head, separator, checkpoint_text = text.partition("\n\n")
    lines = head.split("\n")
    if not separator or lines[0] != PROOF_HEADER:
        raise TlogError("proof_malformed")
    extra = None
    at = 1
    if len(lines) > at and lines[at].startswith("extra "):
        try:
            extra = base64.b64decode(lines[at][6:], validate=True)
        except (binascii.Error, ValueError):
            raise TlogError("proof_malformed") from None
        at += 1
    if len(lines) <= at or not lines[at].startswith("index ") or not _DECIMAL.fullmatch(lines[at][6:]):
        raise TlogError("proof_malformed")
    index = int(lines[at][6:])
    hashes = [_hash(line, "proof_malformed") for line in lines[at + 1:]]
    parse_checkpoint(checkpoint_text)  # a proof whose checkpoint is not one is not a proof
    return Proof(index, hashes, checkpoint_text, extra)
