"""The log library (generator/tlog/) against published vectors, and by properties.

Vectors, copied as values (facts), each with its source:
- tests/tlog_vectors/rfc6962.json: transparency-dev/merkle's RFC 6962 leaves, roots and
  inclusion/consistency probes (Apache-2.0; source and licence in the file).
- Go's golang.org/x/mod/sumdb/note tests (BSD-3-Clause, The Go Authors): the PeterNeumann and
  EnochRoot keys and signatures; sumdb/tlog's FormatTree golden text and tile paths (with the
  height element C2SP dropped).
- The C2SP specifications (c2sp.org): signed-note's example key and note, tlog-tiles' index
  example (1234067 → x001/x234/067) and its size-70,000 tile list."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import tlog
from generator.tlog.merkle import HashLevels

VECTORS = json.loads((Path(__file__).parent / "tlog_vectors" / "rfc6962.json").read_text(encoding="utf-8"))
LEAVES = [bytes.fromhex(leaf) for leaf in VECTORS["leaves"]]

PETER_PRIVATE = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"
PETER = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
ENOCH = "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop"
QUOTE = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n"
PETER_SIG = "— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n"
ENOCH_SIG = "— EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n"


def _hashes(hexes: list[str]) -> list[bytes]:
    return [bytes.fromhex(h) for h in hexes]


# --- RFC 6962 vectors -----------------------------------------------------------------------------


def test_root_hashes_of_every_prefix_are_the_published_ones() -> None:
    leaf_hashes = [tlog.leaf_hash(leaf) for leaf in LEAVES]
    roots = [tlog.root_hash(leaf_hashes[:size]).hex() for size in range(len(LEAVES) + 1)]
    assert roots == VECTORS["roots"]
    assert tlog.EMPTY_ROOT.hex() == VECTORS["roots"][0]


@pytest.mark.parametrize("probe", VECTORS["inclusion"], ids=lambda p: p["name"])
def test_inclusion_probes_verify_or_fail_as_published(probe: dict) -> None:
    arguments = (bytes.fromhex(probe["leaf_hash"]), probe["index"], probe["size"],
                 _hashes(probe["proof"]), bytes.fromhex(probe["root"]))
    if probe["valid"]:
        tlog.verify_inclusion(*arguments)
        levels = HashLevels([tlog.leaf_hash(leaf) for leaf in LEAVES])
        assert levels.inclusion_proof(probe["index"], probe["size"]) == arguments[3]
    else:
        with pytest.raises(tlog.TlogError):
            tlog.verify_inclusion(*arguments)


@pytest.mark.parametrize("probe", VECTORS["consistency"], ids=lambda p: p["name"])
def test_consistency_probes_verify_or_fail_as_published(probe: dict) -> None:
    arguments = (probe["size1"], probe["size2"], bytes.fromhex(probe["root1"]), bytes.fromhex(probe["root2"]),
                 _hashes(probe["proof"]))
    if probe["valid"]:
        tlog.verify_consistency(*arguments)
        levels = HashLevels([tlog.leaf_hash(leaf) for leaf in LEAVES])
        assert levels.consistency_proof(probe["size1"], probe["size2"]) == arguments[4]
    else:
        with pytest.raises(tlog.TlogError):
            tlog.verify_consistency(*arguments)


def test_the_vectors_hold_both_kinds() -> None:
    for kind in ("inclusion", "consistency"):
        assert {p["valid"] for p in VECTORS[kind]} == {True, False}


# --- every proof of small trees, and tampering ----------------------------------------------------

SMALL = 300
SMALL_LEAVES = [f"entry {i}".encode() for i in range(SMALL)]
SMALL_LEVELS = HashLevels([tlog.leaf_hash(leaf) for leaf in SMALL_LEAVES])
SMALL_ROOTS = [SMALL_LEVELS.root(size) for size in range(SMALL + 1)]


def test_every_inclusion_and_consistency_proof_up_to_300_verifies() -> None:
    for size in range(1, SMALL + 1):
        assert SMALL_ROOTS[size] == tlog.root_hash(SMALL_LEVELS.levels[0][:size])
        for index in range(size):
            tlog.verify_inclusion(SMALL_LEVELS.levels[0][index], index, size,
                                  SMALL_LEVELS.inclusion_proof(index, size), SMALL_ROOTS[size])
            old = index + 1
            tlog.verify_consistency(old, size, SMALL_ROOTS[old], SMALL_ROOTS[size],
                                    SMALL_LEVELS.consistency_proof(old, size))


def _flip(hashes: list[bytes], which: int, bit: int) -> list[bytes]:
    changed = list(hashes)
    target = bytearray(changed[which])
    target[bit // 8] ^= 1 << (bit % 8)
    changed[which] = bytes(target)
    return changed


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_a_tampered_inclusion_proof_fails(data: st.DataObject) -> None:
    size = data.draw(st.integers(2, SMALL))
    index = data.draw(st.integers(0, size - 1))
    proof = SMALL_LEVELS.inclusion_proof(index, size)
    leaf, root = SMALL_LEVELS.levels[0][index], SMALL_ROOTS[size]
    how = data.draw(st.sampled_from(["hash", "index", "size", "leaf", "drop", "add"]))
    bit = data.draw(st.integers(0, 255))
    if how == "hash":
        proof = _flip(proof, data.draw(st.integers(0, len(proof) - 1)), bit)
    elif how == "index":
        index = data.draw(st.integers(0, size - 1).filter(lambda other: other != index))
    elif how == "size":  # with that size's own root: the proof is of another tree
        size = data.draw(st.integers(1, SMALL).filter(lambda other: other != size))
        root = SMALL_ROOTS[size]
    elif how == "leaf":
        leaf = _flip([leaf], 0, bit)[0]
    elif how == "drop":
        proof = proof[:-1]
    else:
        proof = [*proof, root]
    with pytest.raises(tlog.TlogError):
        tlog.verify_inclusion(leaf, index, size, proof, root)


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_a_tampered_consistency_proof_fails(data: st.DataObject) -> None:
    new = data.draw(st.integers(2, SMALL))
    old = data.draw(st.integers(1, new - 1))
    proof = SMALL_LEVELS.consistency_proof(old, new)
    old_root, new_root = SMALL_ROOTS[old], SMALL_ROOTS[new]
    how = data.draw(st.sampled_from(["hash", "old_root", "new_root", "old", "drop"]))
    if how == "hash":
        proof = _flip(proof, data.draw(st.integers(0, len(proof) - 1)), data.draw(st.integers(0, 255)))
    elif how == "old_root":  # a different history of the same length
        old_root = tlog.root_hash([tlog.leaf_hash(b"other"), *SMALL_LEVELS.levels[0][1:old]])
    elif how == "new_root":
        new_root = tlog.root_hash([tlog.leaf_hash(b"other"), *SMALL_LEVELS.levels[0][1:new]])
    elif how == "old":
        old = data.draw(st.integers(1, new - 1).filter(lambda other: other != old))
        old_root = SMALL_ROOTS[old]
    else:
        proof = proof[:-1]
    with pytest.raises(tlog.TlogError):
        tlog.verify_consistency(old, new, old_root, new_root, proof)


# --- signed notes: Go's and C2SP's vectors --------------------------------------------------------


def test_go_signer_signs_as_go_does() -> None:
    signer = tlog.parse_signer(PETER_PRIVATE)
    assert (signer.name, signer.key_id, signer.verifier_key) == ("PeterNeumann", 0xC74F20A3, PETER)
    assert tlog.sign_note(QUOTE, signer) == QUOTE + "\n" + PETER_SIG
    assert signer.private_key_line == PETER_PRIVATE


def test_go_notes_open_with_the_key_that_signed_them() -> None:
    note = QUOTE + "\n" + PETER_SIG + ENOCH_SIG
    assert tlog.verify_note(note, PETER) == QUOTE
    assert tlog.verify_note(note, ENOCH) == QUOTE
    with pytest.raises(tlog.TlogError) as unsigned:
        tlog.verify_note(QUOTE + "\n" + ENOCH_SIG, PETER)
    assert unsigned.value.key == "note_unsigned"
    with pytest.raises(tlog.TlogError) as forged:
        tlog.verify_note(QUOTE.replace("problem", "answer", 1) + "\n" + PETER_SIG, PETER)
    assert forged.value.key == "note_bad_signature"


def test_c2sp_signed_note_example_verifies() -> None:
    note = ("This is an example message.\n\n— example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAl"
            "TgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n")
    key = "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k"
    assert tlog.verify_note(note, key) == "This is an example message.\n"


def test_mangled_keys_are_refused() -> None:
    """As Go's TestNewVerifier/TestNewSigner: every byte changed makes a key that is refused."""
    for good, parse in ((PETER, tlog.parse_verifier), (PETER_PRIVATE, tlog.parse_signer)):
        for at in range(len(good)):
            mangled = good[:at] + chr(ord(good[at]) + 1) + good[at + 1:]
            with pytest.raises(tlog.TlogError):
                parse(mangled)
        with pytest.raises(tlog.TlogError):
            parse(good[:-4])
    with pytest.raises(tlog.TlogError):  # unknown algorithm, with its key id adjusted (Go's case)
        tlog.parse_verifier("PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")


def test_a_generated_key_round_trips_through_its_file(tmp_path: Path) -> None:
    signer = tlog.generate_signer("gongshi.example/log")
    (tmp_path / "key").write_text(signer.private_key_line + "\n", encoding="utf-8")
    loaded = tlog.load_signer(tmp_path / "key")
    assert loaded.verifier_key == signer.verifier_key
    body = tlog.checkpoint_body("gongshi.example/log", 3, tlog.EMPTY_ROOT)
    assert tlog.verify_note(tlog.sign_note(body, loaded), signer.verifier_key) == body


# --- checkpoints and proofs -----------------------------------------------------------------------


def test_checkpoint_body_is_gos_tree_format() -> None:
    root = tlog.leaf_hash(b"hello world")  # Go's RecordHash
    golden = "go.sum database tree\n123456789012\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n"
    assert tlog.checkpoint_body("go.sum database tree", 123456789012, root) == golden
    parsed = tlog.parse_checkpoint(golden)
    assert (parsed.origin, parsed.size, parsed.root, parsed.signatures) == (
        "go.sum database tree", 123456789012, root, ())


def test_c2sp_checkpoint_example_parses() -> None:
    text = ("example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\n"
            "— example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/"
            "Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n")
    parsed = tlog.parse_checkpoint(text)
    assert (parsed.origin, parsed.size, len(parsed.signatures)) == ("example.com/behind-the-sofa", 20852163, 1)
    assert parsed.signatures[0].name == "example.com/behind-the-sofa"


@pytest.mark.parametrize("bad", [
    "origin\n12\n",  # no root
    "origin\n012\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n",  # a leading zero
    "origin\n0xab\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n",
    "origin\n12\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jx=\n",  # not 32 bytes
    "origin\n12\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=",  # no final newline
])
def test_malformed_checkpoints_are_refused(bad: str) -> None:
    with pytest.raises(tlog.TlogError):
        tlog.parse_checkpoint(bad)


def test_a_tlog_proof_round_trips_and_verifies() -> None:
    signer = tlog.generate_signer("example.com/log")
    size, index = 77, 40
    checkpoint = tlog.sign_note(tlog.checkpoint_body("example.com/log", size, SMALL_ROOTS[size]), signer)
    text = tlog.proof_text(index, SMALL_LEVELS.inclusion_proof(index, size), checkpoint)
    assert text.startswith("c2sp.org/tlog-proof@v1\nindex 40\n")
    proof = tlog.parse_proof(text)
    assert (proof.index, proof.checkpoint_text, proof.extra) == (index, checkpoint, None)
    tlog.verify_note(proof.checkpoint_text, signer.verifier_key)
    tlog.verify_inclusion(tlog.leaf_hash(SMALL_LEAVES[index]), proof.index, proof.checkpoint.size,
                          proof.hashes, proof.checkpoint.root)
    with_extra = tlog.parse_proof(tlog.proof_text(index, proof.hashes, checkpoint, extra=b"\x00x"))
    assert with_extra.extra == b"\x00x"
    for bad in (text.replace("@v1", "@v2"), text.replace("index 40", "index 040"),
                text.replace("\n\n", "\n")):
        with pytest.raises(tlog.TlogError):
            tlog.parse_proof(bad)


# --- entries ------------------------------------------------------------------------------------


def test_entries_are_canonical_json_with_known_events() -> None:
    entry = {"event": "public", "id": "招标-1", "version": 2, "time": "2026-03-01T09:00:00+08:00",
             "sha256": "ab" * 32}
    encoded = tlog.encode_entry(entry)
    assert encoded == ('{"event":"public","id":"招标-1","sha256":"' + "ab" * 32
                       + '","time":"2026-03-01T09:00:00+08:00","version":2}').encode()
    assert tlog.decode_entry(encoded) == entry
    for bad in ({**entry, "event": "edited"}, {k: v for k, v in entry.items() if k != "sha256"},
                {**entry, "extra": 1}, {**entry, "version": 0}, {**entry, "version": True},
                {**entry, "time": "2026-03-01T09:00:00"}, {**entry, "sha256": "AB" * 32},
                {"event": "redacted", "id": "x", "version": 1, "time": "2026-03-01T09:00:00Z"}):
        with pytest.raises(tlog.TlogError):
            tlog.encode_entry(bad)
    with pytest.raises(tlog.TlogError):
        tlog.decode_entry(json.dumps(entry).encode())  # not the canonical spelling
    with pytest.raises(tlog.TlogError):
        tlog.decode_entry(b"\xff")


# --- tiles --------------------------------------------------------------------------------------


def test_tile_paths_as_c2sp_and_go_write_them() -> None:
    assert tlog.index_path(1234067) == "x001/x234/067"  # tlog-tiles' example
    assert tlog.tile_path(5, 123456078) == "tile/5/x123/x456/078"  # Go's, without the height
    assert tlog.tile_path(5, 123456078, 2) == "tile/5/x123/x456/078.p/2"
    assert tlog.tile_path(1, 3057500) == "tile/1/x003/x057/500"
    assert tlog.tile_path("entries", 0, 17) == "tile/entries/000.p/17"
    assert tlog.parse_tile_path("tile/5/x123/x456/078.p/2") == (5, 123456078, 2)
    assert tlog.parse_tile_path("tile/entries/x001/000") == ("entries", 1000, 256)
    for bad in ("tile/5/123/456/078", "tile/-1/123/456/078", "tile/data/x003/x057/500", "tile/0/000.p/256",
                "tile/0/000.p/0", "tile/0/x000/001", "tile/64/000", "tile/0/1"):
        with pytest.raises(tlog.TlogError):
            tlog.parse_tile_path(bad)


def test_the_tiles_of_a_tree_of_70000_are_the_specifications() -> None:
    """tlog-tiles: 273 full level-0 tiles, a partial of 112, a full level-1 tile, a partial of
    17, and a level-2 partial of 1."""
    assert tlog.edge_tiles(70000) == [(0, 273, 112), (1, 1, 17), (2, 0, 1)]
    assert tlog.edge_tiles(256) == [(1, 0, 1)]


def test_entry_bundles_are_uint16_length_prefixed() -> None:
    assert tlog.bundle_entries([b"ab", b""]) == b"\x00\x02ab\x00\x00"
    assert tlog.parse_bundle(b"\x00\x02ab\x00\x00") == [b"ab", b""]
    with pytest.raises(tlog.TlogError):
        tlog.parse_bundle(b"\x00\x03ab")
    with pytest.raises(tlog.TlogError):
        tlog.bundle_entries([b"x" * 65536])


def _files(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


ENTRIES = [f"entry {i}".encode() for i in range(66_000)]


def test_appending_in_batches_makes_the_tiles_of_one_append(tmp_path: Path) -> None:
    once, batched = tlog.TiledLog(tmp_path / "once"), tlog.TiledLog(tmp_path / "batched")
    once.append(ENTRIES)
    at = 0
    for count in (1, 254, 1, 300, 65_280, 100, 64):
        assert batched.append(ENTRIES[at:at + count]) == at + count
        at += count
    assert at == len(ENTRIES) == once.size == tlog.TiledLog(tmp_path / "batched").size
    one, many = _files(tmp_path / "once"), _files(tmp_path / "batched")
    assert {path: many[path] for path in one} == one
    # the others: narrower partial tiles of the tiles still partial (a checkpoint may name them)
    edge = {tlog.tile_path(level, index, 1).rpartition(".p/")[0] for level, index, _ in tlog.edge_tiles(at)}
    edge.add(tlog.tile_path("entries", at // 256, 1).rpartition(".p/")[0])
    assert all(path.rpartition(".p/")[0] in edge for path in set(many) - set(one))
    assert once.root() == tlog.root_hash([tlog.leaf_hash(e) for e in ENTRIES])
    assert list(tlog.TiledLog(tmp_path / "batched").entries(65_990)) == ENTRIES[65_990:]


def test_an_append_touches_only_the_right_edge(tmp_path: Path) -> None:
    log = tlog.TiledLog(tmp_path)
    log.append(ENTRIES[:65_700])
    full = {path: os.stat(path) for path in tmp_path.rglob("*") if path.is_file() and ".p" not in path.parts[-2]}
    opened: list[str] = []
    sys.addaudithook(lambda event, args: opened.append(str(args[0]))
                     if event == "open" and str(args[0]).startswith(str(tmp_path)) else None)
    before = len(opened)
    fresh = tlog.TiledLog(tmp_path)
    fresh.append(ENTRIES[65_700:65_710])
    reads = [path for path in opened[before:] if ".tmp" not in path]
    # the size check stats the edge; reading opens the partial bundle and one partial tile a level
    assert len(reads) <= 4, reads
    for path, stat in full.items():
        now = os.stat(path)
        assert (now.st_ino, now.st_mtime_ns) == (stat.st_ino, stat.st_mtime_ns), path


def test_proofs_from_the_tiles_verify_against_the_root(tmp_path: Path) -> None:
    log = tlog.TiledLog(tmp_path)
    log.append(ENTRIES[:70_000 - 4_000])
    levels = HashLevels([tlog.leaf_hash(e) for e in ENTRIES])
    for index, size in ((0, 1), (255, 256), (256, 257), (65_535, 65_536), (12_345, 66_000), (65_999, 66_000)):
        assert log.inclusion_proof(index, size) == levels.inclusion_proof(index, size)
        tlog.verify_inclusion(tlog.leaf_hash(ENTRIES[index]), index, size, log.inclusion_proof(index, size),
                              levels.root(size))
    for old, new in ((1, 66_000), (256, 65_536), (300, 65_999), (65_536, 66_000), (66_000, 66_000)):
        tlog.verify_consistency(old, new, levels.root(old), levels.root(new), log.consistency_proof(old, new))
    assert log.entry(65_999) == ENTRIES[65_999]


def test_a_crash_part_way_leaves_the_previous_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tlog.TiledLog(tmp_path).append(ENTRIES[:300])
    root = tlog.TiledLog(tmp_path).root()
    real_replace, done = os.replace, []

    def crash_after_two(source: object, target: object) -> None:
        if len(done) == 2:
            raise OSError("crash")
        done.append(target)
        real_replace(source, target)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", crash_after_two)
    with pytest.raises(OSError):
        tlog.TiledLog(tmp_path).append(ENTRIES[300:600])  # fills tile 1, starts tile 2
    monkeypatch.undo()
    survivor = tlog.TiledLog(tmp_path)
    assert (survivor.size, survivor.root()) == (300, root)
    assert survivor.append(ENTRIES[300:600]) == 600
    assert survivor.root() == tlog.root_hash([tlog.leaf_hash(e) for e in ENTRIES[:600]])


def test_read_tiled_recomputes_and_finds_a_changed_tile(tmp_path: Path) -> None:
    tlog.TiledLog(tmp_path).append(ENTRIES[:600])

    def read(path: str) -> bytes:
        return (tmp_path / path).read_bytes()

    entries, levels = tlog.read_tiled(read, 600)
    assert entries == ENTRIES[:600] and levels.root() == tlog.TiledLog(tmp_path).root()
    changed = tmp_path / "tile/1/000.p/2"
    changed.write_bytes(changed.read_bytes()[:-1] + b"\x00")
    with pytest.raises(tlog.TlogError) as found:
        tlog.read_tiled(read, 600)
    assert (found.value.key, found.value.values["path"]) == ("tile_differs", "tile/1/000.p/2")


