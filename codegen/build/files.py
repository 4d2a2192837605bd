"""The generated files, held compressed until they are compared and written.

A run over the whole catalogue makes about 2,500 files, 420 MB of text with the
stubs, and the writer needs every one of them at the end. As Python strings they
took 700 MB in the main process (a file with one non-ASCII character takes two
bytes a character), past the catalogue's memory budget; compressed they take a
tenth of that. The writer reads a file a few times (compare, hash, stage), each a
fast decompression of that one file.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Iterator, Mapping, MutableMapping

# zlib's fastest level: generated code compresses about 8:1 even so.
_LEVEL = 1


class PackedFiles(MutableMapping[str, str]):
    """Relative path -> text, each text kept as compressed UTF-8."""

    def __init__(self, files: Mapping[str, str] | None = None) -> None:
        self._packed: dict[str, bytes] = {}
        self._sha256: dict[str, str] = {}
        if files:
            self.update(files)

    def __getitem__(self, name: str) -> str:
        return zlib.decompress(self._packed[name]).decode("utf-8")

    def __setitem__(self, name: str, text: str) -> None:
        data = text.encode("utf-8")
        self._packed[name] = zlib.compress(data, _LEVEL)
        self._sha256[name] = hashlib.sha256(data).hexdigest()

    def __delitem__(self, name: str) -> None:
        del self._packed[name]
        del self._sha256[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._packed)

    def __len__(self) -> int:
        return len(self._packed)

    def __contains__(self, name: object) -> bool:
        return name in self._packed

    def sha256(self, name: str) -> str:
        """The hash of the file's UTF-8 bytes, as the manifest records it."""
        return self._sha256[name]

    def take(self, other: PackedFiles, name: str) -> None:
        """Hold ``other``'s file ``name`` too, without packing it again."""
        self._packed[name] = other._packed[name]
        self._sha256[name] = other._sha256[name]

    def copy(self) -> PackedFiles:
        copied = PackedFiles()
        copied._packed = dict(self._packed)
        copied._sha256 = dict(self._sha256)
        return copied
