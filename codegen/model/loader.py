"""Reading service models through botocore's own loader.

Going through :class:`botocore.loaders.Loader` means the installed botocore,
``AWS_DATA_PATH``, ``~/.aws/models`` and ``--model-dir`` directories all resolve
exactly as they do for boto3 itself, including ``.json.gz`` files and
``sdk-extras`` overlays.
"""

from __future__ import annotations

import difflib
import gzip
import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import botocore
from botocore.exceptions import DataNotFoundError, UnknownServiceError
from botocore.loaders import Loader
from botocore.model import ServiceModel

from codegen.errors import CodegenError

MODEL_TYPE = "service-2"
# Models botocore reads beside the service model for a client's paginators and waiters.
CLIENT_MODEL_TYPES = ("paginators-1", "waiters-2")


@dataclass(frozen=True)
class LoadedModel:
    """A service model together with where it came from."""

    service_name: str
    api_version: str
    path: str  # the file the model was read from
    model: ServiceModel
    raw: dict[str, Any]
    paginators: dict[str, Any] = field(default_factory=dict)  # paginators-1 content
    waiters: dict[str, Any] = field(default_factory=dict)  # waiters-2 content


def suggest(name: str, candidates: Sequence[str]) -> str:
    """A ``did you mean`` hint for an unknown name, or nothing."""
    close = difflib.get_close_matches(name, candidates, n=3, cutoff=0.6)
    if not close:
        lowered = {c.lower(): c for c in candidates}
        close = [
            lowered[n]
            for n in difflib.get_close_matches(name.lower(), list(lowered), n=3)
        ]
    return f" (did you mean {', '.join(close)}?)" if close else ""


class ModelSource:
    """Finds and loads service models, with ``model_dirs`` searched first."""

    def __init__(self, model_dirs: Sequence[str] = ()) -> None:
        env_paths = [
            p for p in os.environ.get("AWS_DATA_PATH", "").split(os.pathsep) if p
        ]
        self._loader = Loader(extra_search_paths=[*map(str, model_dirs), *env_paths])
        self._services: list[str] | None = None

    @property
    def botocore_version(self) -> str:
        return str(botocore.__version__)

    def available_services(self) -> list[str]:
        if self._services is None:
            self._services = sorted(self._loader.list_available_services(MODEL_TYPE))
        return self._services

    def _model_name(self, service_name: str) -> tuple[str, str]:
        """The API version botocore picks and the data name of its model."""
        known = self.available_services()
        if service_name not in known:
            raise CodegenError(
                f"unknown service {service_name!r}{suggest(service_name, known)}"
            )
        try:
            api_version = self._loader.determine_latest_version(
                service_name, MODEL_TYPE
            )
        except (DataNotFoundError, UnknownServiceError) as exc:
            raise CodegenError(f"service {service_name!r}: {exc}") from exc
        return api_version, os.path.join(service_name, api_version, MODEL_TYPE)

    def model_path(self, service_name: str) -> str:
        """The file botocore reads the service's model from."""
        return self._locate(self._model_name(service_name)[1])

    def model_size(self, service_name: str) -> int:
        """Bytes of the model file: how much work a service will be, roughly."""
        path = self._locate(self._model_name(service_name)[1])
        return os.path.getsize(path) if os.path.isfile(path) else 0

    def fingerprint(self, service_name: str) -> str:
        """A hash of every file botocore would read for the model, without parsing it.

        Cheap enough to run for the whole catalogue on every invocation, so an
        unchanged model can be recognised before any work is done.
        """
        _, name = self._model_name(service_name)
        digest = hashlib.sha256()
        for data_name in (
            name,
            *(f"{name}.{kind}-extras" for kind in self._loader.extras_types),
            *(os.path.join(os.path.dirname(name), kind) for kind in CLIENT_MODEL_TYPES),
        ):
            path = self._locate(data_name)
            if not os.path.isfile(path):
                continue
            try:
                with (gzip.open if path.endswith(".gz") else open)(
                    path, "rb"
                ) as handle:
                    content = handle.read()
            except (OSError, EOFError) as exc:
                raise CodegenError(
                    f"{path}: service {service_name!r}: cannot read model: {exc}"
                ) from exc
            digest.update(f"{data_name}\0{len(content)}\0".encode())
            digest.update(content)
        return digest.hexdigest()

    def load(self, service_name: str) -> LoadedModel:
        api_version, name = self._model_name(service_name)
        path = self._locate(name)
        where = f"{path}: service {service_name!r}"
        try:
            raw = self._loader.load_data(name)
            _check_is_service_model(raw, where)
            # Same (cached) data again, now with botocore's sdk-extras merged in.
            raw = self._loader.load_service_model(service_name, MODEL_TYPE, api_version)
        except DataNotFoundError as exc:
            raise CodegenError(f"{where}: {exc}") from exc
        except (ValueError, UnicodeDecodeError, OSError, EOFError) as exc:
            raise CodegenError(f"{where}: cannot read model: {exc}") from exc
        return LoadedModel(
            service_name=service_name,
            api_version=api_version,
            path=path,
            model=ServiceModel(raw, service_name=service_name),
            raw=raw,
            paginators=self._client_model(service_name, api_version, "paginators-1"),
            waiters=self._client_model(service_name, api_version, "waiters-2"),
        )

    def release(self, service_name: str) -> None:
        """Forget what was read for ``service_name``.

        botocore's loader keeps every model it read, in the ``_cache`` dict its
        ``instance_cache`` decorator requires of it; a worker that generates
        hundreds of services grew by about 170 MB over a catalogue run that way.
        Nothing reads a service's models again once its module is made.
        """
        cache = getattr(self._loader, "_cache", None)
        if not isinstance(cache, dict):
            return  # another botocore: nothing to forget
        prefix = f"{service_name}/"
        for key in [
            key
            for key in cache
            if isinstance(key, tuple)
            and any(
                isinstance(arg, str) and (arg == service_name or arg.startswith(prefix))
                for arg in key[1:]
            )
        ]:
            del cache[key]

    def _client_model(
        self, service_name: str, api_version: str, kind: str
    ) -> dict[str, Any]:
        """A paginator or waiter model, or nothing when the service has none."""
        where = f"{self._locate(os.path.join(service_name, api_version, kind))}"
        try:
            data = self._loader.load_service_model(service_name, kind, api_version)
        except DataNotFoundError:
            return {}
        except (ValueError, UnicodeDecodeError, OSError, EOFError) as exc:
            raise CodegenError(f"{where}: cannot read model: {exc}") from exc
        if not isinstance(data, dict):
            raise CodegenError(f"{where}: not a botocore {kind} model")
        return data

    def _locate(self, name: str) -> str:
        """The file botocore will read ``name`` from, for error messages."""
        for base in self._loader.search_paths:
            for suffix in (".json", ".json.gz"):
                candidate = os.path.join(base, name + suffix)
                if os.path.isfile(candidate):
                    return candidate
        return name


def _check_is_service_model(raw: object, where: str) -> None:
    if not isinstance(raw, dict):
        raise CodegenError(
            f"{where}: not a botocore service model (top level is not an object)"
        )
    if not isinstance(raw.get("shapes"), dict):
        raise CodegenError(
            f"{where}: not a botocore service model (no 'shapes' object)"
        )
    if not isinstance(raw.get("metadata", {}), dict):
        raise CodegenError(
            f"{where}: not a botocore service model ('metadata' is not an object)"
        )
    for shape_name, shape in raw["shapes"].items():
        if not isinstance(shape, dict) or not isinstance(shape.get("type"), str):
            raise CodegenError(f"{where}: shape {shape_name!r} has no 'type'")
