"""RFC 6962's Merkle tree over SHA-256: hashes, proofs, and their verification.

Proofs are made from `Nodes`: a function giving the hash of a complete subtree (height,
index), which the tiles (tiles.py) or a list of hashes in memory (`HashLevels`) answer. The
verification follows RFC 9162, sections 2.1.3.2 and 2.1.4.2."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence

from .errors import TlogError

HASH_SIZE = 32
EMPTY_ROOT = hashlib.sha256(b"").digest()

Nodes = Callable[[int, int], bytes]  # (height, index) -> hash of leaves [index·2^h, (index+1)·2^h)


def leaf_hash(entry: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + entry).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def root_hash(leaf_hashes: Sequence[bytes]) -> bytes:
    """MTH of the leaves, in one pass with a stack of perfect subtrees (a compact range)."""
    if not leaf_hashes:
        return EMPTY_ROOT
    stack: list[bytes] = []
    for count, hashed in enumerate(leaf_hashes, start=1):
        stack.append(hashed)
        while count % 2 == 0:  # each trailing 1 bit of the old count merges two peaks
            right = stack.pop()
            stack.append(node_hash(stack.pop(), right))
            count //= 2
    return fold_peaks(stack)


def fold_peaks(peaks: Sequence[bytes]) -> bytes:
    """The root of a tree given its perfect subtrees, largest first (left to right)."""
    root = peaks[-1]
    for peak in reversed(peaks[:-1]):
        root = node_hash(peak, root)
    return root


def _split(size: int) -> int:
    """The largest power of two smaller than `size` (size ≥ 2)."""
    return 1 << ((size - 1).bit_length() - 1)


def subtree_hash(nodes: Nodes, start: int, end: int) -> bytes:
    """MTH(D[start:end]) where the range is one that RFC 6962's recursion reaches."""
    count = end - start
    if count & (count - 1) == 0 and start % count == 0:
        height = count.bit_length() - 1
        return nodes(height, start >> height)
    middle = start + _split(count)
    return node_hash(subtree_hash(nodes, start, middle), subtree_hash(nodes, middle, end))


def inclusion_proof(nodes: Nodes, index: int, size: int) -> list[bytes]:
    """RFC 6962 2.1.1 PATH(index, D[0:size]), from the leaf's sibling up."""
    if not 0 <= index < size:
        raise TlogError("proof_range", index=index, size=size)
    return _path(nodes, index, 0, size)


def _path(nodes: Nodes, index: int, start: int, end: int) -> list[bytes]:
    if end - start == 1:
        return []
    middle = start + _split(end - start)
    if index < middle:
        return [*_path(nodes, index, start, middle), subtree_hash(nodes, middle, end)]
    return [*_path(nodes, index, middle, end), subtree_hash(nodes, start, middle)]


def consistency_proof(nodes: Nodes, old_size: int, new_size: int) -> list[bytes]:
    """RFC 6962 2.1.2 PROOF(old_size, D[0:new_size]); empty when the sizes are equal."""
    if not 0 < old_size <= new_size:
        raise TlogError("proof_range", index=old_size, size=new_size)
    if old_size == new_size:
        return []
    return _subproof(nodes, old_size, 0, new_size, whole=True)


def _subproof(nodes: Nodes, old_end: int, start: int, end: int, whole: bool) -> list[bytes]:
    if old_end == end:
        return [] if whole else [subtree_hash(nodes, start, end)]
    middle = start + _split(end - start)
    if old_end <= middle:
        return [*_subproof(nodes, old_end, start, middle, whole), subtree_hash(nodes, middle, end)]
    return [*_subproof(nodes, old_end, middle, end, False), subtree_hash(nodes, start, middle)]


def _checked(hashes: Sequence[bytes]) -> None:
    if any(len(h) != HASH_SIZE for h in hashes):
        raise TlogError("proof_hash_size")


def verify_inclusion(leaf: bytes, index: int, size: int, proof: Sequence[bytes], root: bytes) -> None:
    """Raise TlogError("inclusion_invalid") unless `proof` binds `leaf` at `index` to `root`."""
    _checked([leaf, *proof])
    if not 0 <= index < size:
        raise TlogError("inclusion_invalid", index=index, size=size)
    node, last = index, size - 1
    hashed = leaf
    for sibling in proof:
        if last == 0:
            raise TlogError("inclusion_invalid", index=index, size=size)
        if node % 2 == 1 or node == last:
            hashed = node_hash(sibling, hashed)
            while node % 2 == 0 and node != 0:
                node, last = node >> 1, last >> 1
        else:
            hashed = node_hash(hashed, sibling)
        node, last = node >> 1, last >> 1
    if last != 0 or hashed != root:
        raise TlogError("inclusion_invalid", index=index, size=size)


def verify_consistency(old_size: int, new_size: int, old_root: bytes, new_root: bytes,
                       proof: Sequence[bytes]) -> None:
    """Raise TlogError("consistency_invalid") unless the tree of `old_size` with `old_root`
    is a prefix of the tree of `new_size` with `new_root`. From the empty tree nothing is
    proved (as in transparency-dev/merkle): a caller handles size 0 itself."""
    _checked(proof)
    failed = TlogError("consistency_invalid", old_size=old_size, new_size=new_size)
    if old_size == 0 or new_size < old_size:
        raise failed
    if old_size == new_size:
        if proof or old_root != new_root:
            raise failed
        return
    path = list(proof)
    if old_size & (old_size - 1) == 0:  # the old tree is a perfect subtree: its root starts the path
        path.insert(0, old_root)
    if not path:
        raise failed
    node, last = old_size - 1, new_size - 1
    while node % 2 == 1:
        node, last = node >> 1, last >> 1
    old_hash = new_hash = path[0]
    for sibling in path[1:]:
        if last == 0:
            raise failed
        if node % 2 == 1 or node == last:
            old_hash, new_hash = node_hash(sibling, old_hash), node_hash(sibling, new_hash)
            while node % 2 == 0 and node != 0:
                node, last = node >> 1, last >> 1
        else:
            new_hash = node_hash(new_hash, sibling)
        node, last = node >> 1, last >> 1
    if last != 0 or old_hash != old_root or new_hash != new_root:
        raise failed


class HashLevels:
    """Every complete subtree hash of a tree held in memory: `levels[h][i]` covers leaves
    [i·2^h, (i+1)·2^h). About 2n hashes; proofs from it cost O(log n)."""

    def __init__(self, leaf_hashes: Sequence[bytes]) -> None:
        self.levels: list[list[bytes]] = [list(leaf_hashes)]
        while len(self.levels[-1]) > 1:
            below = self.levels[-1]
            self.levels.append([node_hash(below[i], below[i + 1]) for i in range(0, len(below) - 1, 2)])

    @property
    def size(self) -> int:
        return len(self.levels[0])

    def node(self, height: int, index: int) -> bytes:
        return self.levels[height][index]

    def root(self, size: int | None = None) -> bytes:
        size = self.size if size is None else size
        return EMPTY_ROOT if size == 0 else subtree_hash(self.node, 0, size)

    def inclusion_proof(self, index: int, size: int) -> list[bytes]:
        return inclusion_proof(self.node, index, size)

    def consistency_proof(self, old_size: int, new_size: int) -> list[bytes]:
        return consistency_proof(self.node, old_size, new_size)
