"""C2SP tlog-tiles (c2sp.org/tlog-tiles) on a folder: hash tiles of height 8 and entry
bundles, read and appended.

`TiledLog(directory)` holds `tile/<L>/<N>[.p/<W>]` and `tile/entries/<N>[.p/<W>]` under
`directory`. Its size is that of the rightmost entry bundle whose tiles are all there, so the
tiles alone say it (the checkpoint beside them is written by the caller). An append writes
full tiles first and the new right edge's partial tiles after them, each by rename; the
previous size's partial tiles stay until the append is complete, so a crash part way leaves
the previous size readable. Partial tiles of a tile that has become full are deleted at the
end, which the specification allows; narrower partial tiles of a still partial tile stay,
since a checkpoint of their size may still be served."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from .errors import TlogError
from .merkle import EMPTY_ROOT, HASH_SIZE, HashLevels, fold_peaks, leaf_hash, root_hash
from .merkle import consistency_proof as _consistency_proof
from .merkle import inclusion_proof as _inclusion_proof

TILE_HEIGHT = 8
TILE_WIDTH = 1 << TILE_HEIGHT  # 256 hashes, or entries in a bundle
MAX_ENTRY = 0xFFFF  # an entry's length is a big-endian uint16
ENTRIES = "entries"  # the level name of entry bundles
Level = int | str  # a hash tile level, or ENTRIES


def index_path(index: int) -> str:
    """A tile index as 3-digit path elements, all but the last x-prefixed: 1234067 → x001/x234/067."""
    if index < 0:
        raise TlogError("tile_path", path=str(index))
    elements = [f"{index % 1000:03d}"]
    index //= 1000
    while index > 0:
        elements.append(f"x{index % 1000:03d}")
        index //= 1000
    return "/".join(reversed(elements))


def tile_path(level: Level, index: int, width: int = TILE_WIDTH) -> str:
    """`tile/<L>/<N>` for a full tile, `tile/<L>/<N>.p/<W>` for a partial one."""
    if not 0 < width <= TILE_WIDTH:
        raise TlogError("tile_path", path=f"{level}/{index}.p/{width}")
    partial = f".p/{width}" if width < TILE_WIDTH else ""
    return f"tile/{level}/{index_path(index)}{partial}"


_TILE_PATH = re.compile(
    r"tile/(?P<level>entries|0|[1-9][0-9]?)/(?P<index>(?:x[0-9]{3}/)*[0-9]{3})(?:\.p/(?P<width>[1-9][0-9]*))?")


def parse_tile_path(path: str) -> tuple[Level, int, int]:
    """(level, index, width) of a tile path; TlogError("tile_path") if it is not one."""
    found = _TILE_PATH.fullmatch(path)
    width = int(found["width"] or TILE_WIDTH) if found else 0
    if not found or width >= TILE_WIDTH + (found["width"] is None) or (
            found["level"] != ENTRIES and int(found["level"]) > 63):
        raise TlogError("tile_path", path=path)
    elements = found["index"].split("/")
    if len(elements) > 1 and elements[0] == "x000":  # a leading zero group: not the one spelling
        raise TlogError("tile_path", path=path)
    index = 0
    for element in elements:
        index = index * 1000 + int(element.lstrip("x"))
    level: Level = ENTRIES if found["level"] == ENTRIES else int(found["level"])
    return level, index, width


def edge_tiles(size: int) -> list[tuple[int, int, int]]:
    """(level, index, width) of the partial hash tiles of a tree of `size`, level 0 first."""
    found: list[tuple[int, int, int]] = []
    level = 0
    while TILE_WIDTH**level <= size:
        count = size // TILE_WIDTH**level  # hashes at this level
        if count % TILE_WIDTH:
            found.append((level, count // TILE_WIDTH, count % TILE_WIDTH))
        level += 1
    return found


def bundle_entries(entries: Sequence[bytes]) -> bytes:
    """An entry bundle: each entry after its length as a big-endian uint16."""
    parts: list[bytes] = []
    for entry in entries:
        if len(entry) > MAX_ENTRY:
            raise TlogError("entry_too_long", length=len(entry))
        parts += [len(entry).to_bytes(2, "big"), entry]
    return b"".join(parts)


def parse_bundle(data: bytes, path: str = "") -> list[bytes]:
    entries: list[bytes] = []
    at = 0
    while at < len(data):
        if at + 2 > len(data):
            raise TlogError("bundle_malformed", path=path)
        length = int.from_bytes(data[at:at + 2], "big")
        if at + 2 + length > len(data):
            raise TlogError("bundle_malformed", path=path)
        entries.append(data[at + 2:at + 2 + length])
        at += 2 + length
    return entries


def tile_hashes(data: bytes, path: str = "") -> list[bytes]:
    if len(data) % HASH_SIZE or not data:
        raise TlogError("tile_malformed", path=path)
    return [data[at:at + HASH_SIZE] for at in range(0, len(data), HASH_SIZE)]


def edge_root(edge: Sequence[Sequence[bytes]]) -> bytes:
    """The root of a tree from the hashes of its partial tiles, `edge[level]` (each shorter
    than a tile): the set bits of each width are the perfect subtrees of the tree."""
    peaks: list[bytes] = []
    for level in reversed(range(len(edge))):
        hashes, at = edge[level], 0
        for bit in reversed(range(TILE_HEIGHT)):
            if len(hashes) & (1 << bit):
                peaks.append(root_hash(hashes[at:at + (1 << bit)]))
                at += 1 << bit
    return fold_peaks(peaks) if peaks else EMPTY_ROOT


# --- the log in a folder -------------------------------------------------------------------------


class TiledLog:
    """A tiled log in `directory` (which may not exist yet: then it is empty)."""

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)
        self._size: int | None = None
        self._tiles: dict[str, list[bytes]] = {}  # read hash tiles, for proofs

    # reading

    @property
    def size(self) -> int:
        if self._size is None:
            self._size = self._found_size()
        return self._size

    def root(self) -> bytes:
        return edge_root(self._edge(self.size))

    def entry(self, index: int) -> bytes:
        if not 0 <= index < self.size:
            raise TlogError("entry_range", index=index, size=self.size)
        return self._bundle(index // TILE_WIDTH)[index % TILE_WIDTH]

    def entries(self, start: int = 0) -> Iterator[bytes]:
        for tile in range(start // TILE_WIDTH, -(-self.size // TILE_WIDTH)):
            bundle = self._bundle(tile)
            yield from bundle[max(start - tile * TILE_WIDTH, 0):]

    def inclusion_proof(self, index: int, size: int) -> list[bytes]:
        self._within(size)
        return _inclusion_proof(self._node, index, size)

    def consistency_proof(self, old: int, new: int) -> list[bytes]:
        self._within(new)
        return _consistency_proof(self._node, old, new)

    def _within(self, size: int) -> None:
        if not 0 <= size <= self.size:
            raise TlogError("proof_range", index=size, size=self.size)

    def _read(self, path: str) -> bytes:
        try:
            return (self.directory / path).read_bytes()
        except FileNotFoundError:
            raise TlogError("tile_missing", path=path) from None

    def _width(self, level: Level, index: int, size: int) -> int:
        """The width tile `index` of `level` has in a tree of `size` (0: it has no hash yet)."""
        height: int = 0 if level == ENTRIES else int(level)
        count = size >> (TILE_HEIGHT * height)
        return max(0, min(TILE_WIDTH, count - index * TILE_WIDTH))

    def _bundle(self, index: int) -> list[bytes]:
        path = tile_path(ENTRIES, index, self._width(ENTRIES, index, self.size))
        return parse_bundle(self._read(path), path)

    def _hash_tile(self, level: int, index: int) -> list[bytes]:
        path = tile_path(level, index, self._width(level, index, self.size))
        if path not in self._tiles:
            self._tiles[path] = tile_hashes(self._read(path), path)
        return self._tiles[path]

    def _node(self, height: int, index: int) -> bytes:
        """A complete subtree's hash: from the tile holding its level, hashed up within it."""
        level, rise = divmod(height, TILE_HEIGHT)
        first = index << rise  # its first hash at the tile level
        tile = self._hash_tile(level, first // TILE_WIDTH)
        at = first % TILE_WIDTH
        return root_hash(tile[at:at + (1 << rise)])

    def _edge(self, size: int) -> list[list[bytes]]:
        edge: list[list[bytes]] = []
        for level, index, width in edge_tiles(size):
            edge += [[] for _ in range(level - len(edge))]
            path = tile_path(level, index, width)
            edge.append(tile_hashes(self._read(path), path))
        return edge

    # the size, from the files

    def _found_size(self) -> int:
        last = _last_index(self.directory / "tile" / ENTRIES)
        if last is None:
            return 0
        for index in range(last, -1, -1):
            for size in self._sizes_at(index):
                if self._complete(size):
                    return size
        raise TlogError("log_broken", path=str(self.directory))

    def _sizes_at(self, index: int) -> list[int]:
        """Every size an entry bundle file of tile `index` stands for, largest first."""
        full = self.directory / tile_path(ENTRIES, index)
        sizes = [(index + 1) * TILE_WIDTH] if full.is_file() else []
        partials = Path(f"{full}.p")
        if partials.is_dir():
            widths = sorted((int(name) for name in os.listdir(partials) if name.isdigit()), reverse=True)
            sizes += [index * TILE_WIDTH + width for width in widths if 0 < width < TILE_WIDTH]
        return sizes

    def _complete(self, size: int) -> bool:
        """Every file a tree of `size` needs at its right edge is there."""
        tile = (size - 1) // TILE_WIDTH
        width = self._width(ENTRIES, tile, size)
        needed = [tile_path(ENTRIES, tile, width), tile_path(0, tile, width)]
        needed += [tile_path(level, index, width) for level, index, width in edge_tiles(size)]
        return all((self.directory / path).is_file() for path in needed)

    # appending

    def append(self, entries: Sequence[bytes]) -> int:
        """Add `entries` at the end; the new size. Reads only the right edge: O(k log n)."""
        for entry in entries:
            if len(entry) > MAX_ENTRY:
                raise TlogError("entry_too_long", length=len(entry))
        old_size = self.size
        if not entries:
            return old_size
        edge = self._edge(old_size)
        tail = self._bundle(old_size // TILE_WIDTH) if old_size % TILE_WIDTH else []
        counts = [old_size // TILE_WIDTH**level for level in range(len(edge))]
        full: dict[str, bytes] = {}  # every tile this append fills, by path
        size = old_size
        for entry in entries:
            tail.append(entry)
            size += 1
            self._push(edge, counts, 0, leaf_hash(entry), full)
            if size % TILE_WIDTH == 0:
                full[tile_path(ENTRIES, size // TILE_WIDTH - 1)] = bundle_entries(tail)
                tail = []
        for path, data in full.items():
            self._write(path, data)
        for level, index, width in edge_tiles(size):
            self._write(tile_path(level, index, width), b"".join(edge[level]))
        if size % TILE_WIDTH:  # written last: with it, the new size is complete
            self._write(tile_path(ENTRIES, size // TILE_WIDTH, size % TILE_WIDTH), bundle_entries(tail))
        self._forget_partials(full)
        self._size, self._tiles = size, {}
        return size

    def _push(self, edge: list[list[bytes]], counts: list[int], level: int, hashed: bytes,
              full: dict[str, bytes]) -> None:
        """Add one hash at `level`; a tile it fills is kept in `full` and its hash goes up."""
        while level >= len(edge):
            edge.append([])
            counts.append(0)
        edge[level].append(hashed)
        counts[level] += 1
        if len(edge[level]) == TILE_WIDTH:
            full[tile_path(level, counts[level] // TILE_WIDTH - 1)] = b"".join(edge[level])
            tile_root = root_hash(edge[level])
            edge[level] = []
            self._push(edge, counts, level + 1, tile_root, full)

    def _write(self, path: str, data: bytes) -> None:
        target = self.directory / path
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.tmp")
        temporary.write_bytes(data)
        os.replace(temporary, target)

    def _forget_partials(self, full: dict[str, bytes]) -> None:
        for path in full:
            partials = self.directory / f"{path}.p"
            if partials.is_dir():
                shutil.rmtree(partials)


def _last_index(folder: Path) -> int | None:
    """The largest tile index with a file (or .p folder) under `folder`: x-prefixed folders
    hold longer, so larger, indices than the 3-digit names beside them."""
    found = _last_under(folder)
    return None if found is None else found[0]


def _last_under(folder: Path) -> tuple[int, int] | None:
    try:
        names = os.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return None
    groups = sorted((int(name[1:]) for name in names if re.fullmatch(r"x[0-9]{3}", name)), reverse=True)
    for group in groups:
        inner = _last_under(folder / f"x{group:03d}")
        if inner is not None:
            value, depth = inner
            return group * 1000**depth + value, depth + 1
    plain = [int(name[:3]) for name in names if re.fullmatch(r"[0-9]{3}(\.p)?", name)]
    return (max(plain), 1) if plain else None


def read_tiled(read: Callable[[str], bytes], size: int) -> tuple[list[bytes], HashLevels]:
    """Recompute a served log of `size` from its tiles: every entry bundle gives the leaf
    hashes, and every hash tile must be the one computed. `read(path)` returns a file's bytes
    (raising TlogError("tile_missing") when absent). Returns the entries and every subtree
    hash; raises TlogError at the first tile that differs from what its entries make."""
    entries: list[bytes] = []
    for index in range(-(-size // TILE_WIDTH)):
        width = min(TILE_WIDTH, size - index * TILE_WIDTH)
        path = tile_path(ENTRIES, index, width)
        bundle = parse_bundle(read(path), path)
        if len(bundle) != width:
            raise TlogError("bundle_count", path=path, expected=width, found=len(bundle))
        entries += bundle
    levels = HashLevels([leaf_hash(entry) for entry in entries])
    level = 0
    while TILE_WIDTH**level <= size:
        hashes = levels.levels[TILE_HEIGHT * level]
        for index in range(-(-len(hashes) // TILE_WIDTH)):
            expected = hashes[index * TILE_WIDTH:(index + 1) * TILE_WIDTH]
            path = tile_path(level, index, len(expected))
            if read(path) != b"".join(expected):
                raise TlogError("tile_differs", path=path)
        level += 1
    return entries, levels
