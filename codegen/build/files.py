"""The generated files, held compressed until they are compared and written.

A run over the whole catalogue makes about 5,000 files, 415 MB of text with the
stubs, and the writer needs every one of them at the end. As Python strings they
took 700 MB in the main process (a file with one non-ASCII character takes two
bytes a character), past the catalogue's memory budget; compressed they take a
sixth of that. The worker that made a service's files packs them
(:meth:`PackedFiles.to_json`, also the cache entry's form), so the main process
and the cache never hold them as text; the writer reads a file a few times
(compare, hash, stage), each a fast decompression of that one file.
"""

from __future__ import annotations

import base64
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

    def to_json(self) -> dict[str, list[str]]:
        """Path -> [sha256, base64 of the compressed bytes]: a cache entry's files."""
        return {
            name: [self._sha256[name], base64.b64encode(packed).decode("ascii")]
            for name, packed in self._packed.items()
        }

    @classmethod
    def from_json(cls, data: Mapping[str, list[str]]) -> PackedFiles:
        """The files :meth:`to_json` gave, unpacked no further than compressed."""
        files = cls()
        for name, (sha256, packed) in data.items():
            files._packed[name] = base64.b64decode(packed)
            files._sha256[name] = sha256
        return files

    def copy(self) -> PackedFiles:
        copied = PackedFiles()
        copied._packed = dict(self._packed)
        copied._sha256 = dict(self._sha256)
        return copied
