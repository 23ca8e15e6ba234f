"""A transparency log as static files: RFC 6962's Merkle tree (SHA-256) served as C2SP
tlog-tiles, with a C2SP checkpoint signed as a C2SP signed note (Ed25519), inclusion proofs as
C2SP tlog-proof, and the entry format of gongshi's publication log (entries.py).

Pure: it knows no notices, no configuration and no languages. Everything it refuses it
raises as `TlogError(key, **values)`, the key naming a sentence of generator/words/verifying.py."""

from __future__ import annotations

from .checkpoint import Checkpoint, Proof, checkpoint_body, parse_checkpoint, parse_proof, proof_text
from .entries import decode_entry, encode_entry
from .errors import TlogError
from .merkle import (
    EMPTY_ROOT,
    HashLevels,
    consistency_proof,
    inclusion_proof,
    leaf_hash,
    node_hash,
    root_hash,
    verify_consistency,
    verify_inclusion,
)
from .note import (
    Signer,
    Verifier,
    generate_signer,
    load_signer,
    parse_signer,
    parse_verifier,
    sign_note,
    split_note,
    verify_note,
)
from .tiles import (
    TILE_WIDTH,
    TiledLog,
    bundle_entries,
    edge_tiles,
    index_path,
    parse_bundle,
    parse_tile_path,
    read_tiled,
    tile_path,
)

__all__ = [
    "EMPTY_ROOT", "TILE_WIDTH", "Checkpoint", "HashLevels", "Proof", "Signer", "TiledLog", "TlogError",
    "Verifier", "bundle_entries", "checkpoint_body", "consistency_proof", "decode_entry", "edge_tiles",
    "encode_entry", "generate_signer", "inclusion_proof", "index_path", "leaf_hash", "load_signer",
    "node_hash", "parse_bundle", "parse_checkpoint", "parse_proof", "parse_signer", "parse_tile_path",
    "parse_verifier", "proof_text", "read_tiled", "root_hash", "sign_note", "split_note", "tile_path",
    "verify_consistency", "verify_inclusion", "verify_note",
]
