"""The versioned model registry.

Cards live in a directory (by default the repository's ``registry/``, shipped
inside the wheel as ``sprint_solver/_registry``; ``SPRINT_SOLVER_REGISTRY`` points
elsewhere) with an ``index.json`` that lists every artifact and its sha256.
Loading verifies every hash and refuses tampered, unlisted or unknown artifacts.
Cards are JSON only: nothing is unpickled or imported by name from a file.

>>> from sprint_solver import Registry
>>> reg = Registry.default()
>>> m = reg.get("wind.mureika_100m")
>>> round(float(m.evaluate(time=10.0, wind=2.0)["time_still"]), 4)
10.1008
"""
from __future__ import annotations

import hashlib
import json
import os
import threading
from pathlib import Path
from typing import Any, Iterable

from .errors import ModelNotFoundError, RegistryError
from .models import load_all as _load_models
from .models.base import IMPLEMENTATIONS, Implementation, InputChecker, call
from .spec import ModelSpec

INDEX = "index.json"
INDEX_FORMAT = 1
ENV_VAR = "SPRINT_SOLVER_REGISTRY"

#: the models the solver uses when a question names none, per family (README, "Models").
#: Physics models stay the defaults where the fitted ones disagree with the literature
#: (see models/*.md); lanes have only a fitted model.
FAMILY_DEFAULTS: dict[str, tuple[str, ...]] = {
    "wind": ("wind.mureika_100m", "wind.mureika_100m_inverse", "wind.mureika_200m", "wind.mureika_200m_inverse"),
    "altitude": ("altitude.mureika_density_ratio",),
    "air_density": ("air_density.cipm2007", "air_density.sprint_100m", "air_density.sprint_200m"),
    "heat": ("heat.hadley", "heat.ely_wbgt", "heat.heat_index"),
    "grade": ("grade.strava_factor", "grade.equivalent_flat_distance", "grade.activity_gap"),
    "body": ("body.dubois_bsa", "body.frontal_area", "body.drag_constant", "body.drag_force"),
    "sprint_profile": ("sprint_profile.fit_timing_gates", "sprint_profile.fvp_analytic"),
    "equivalence": ("equivalence.riegel", "equivalence.daniels_vdot", "equivalence.daniels_time",
                    "equivalence.daniels_training_paces"),
    "scoring": ("scoring.wa_points", "scoring.combined_points"),
    "timing": ("timing.hand_to_fat", "timing.false_start"),
    "lanes": ("lanes.fitted_200m",),
}


def default_registry_path() -> Path:
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env)
    pkg = Path(__file__).resolve().parent
    shipped = pkg / "_registry"
    if (shipped / INDEX).exists():
        return shipped
    return pkg.parent / "registry"


def sha256_bytes(b: bytes) -> str:
    return hashlib.sha256(b).hexdigest()


class RegisteredModel:
    """A card bound to its implementation. Evaluate with canonical-unit keywords."""

    __slots__ = ("spec", "_impl", "name", "version", "ref", "_check")

    def __init__(self, spec: ModelSpec, impl: Implementation):
        self.spec = spec
        self._impl = impl
        self.name = spec.name
        self.version = spec.version
        self.ref = spec.ref
        # per-card work done once, not on every evaluation
        self._check = InputChecker(spec).check

    def evaluate(self, **inputs: Any) -> dict[str, Any]:
        """Validate inputs, evaluate, and return ``{output_name: value}``.

        Inputs outside a model's validated range emit a
        :class:`~sprint_solver.errors.ValidityWarning`; non-physical inputs raise
        :class:`~sprint_solver.errors.InvalidValueError`.
        """
        kwargs, notes = self._check(inputs)
        return call(self._impl, self.spec, kwargs, notes, warn=True)

    __call__ = evaluate

    def evaluate_with_notes(self, **inputs: Any) -> tuple[dict[str, Any], list[str]]:
        """Like :meth:`evaluate` but returns validity notes instead of warning."""
        return self.evaluate_inputs(inputs)

    def evaluate_inputs(self, inputs: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
        """:meth:`evaluate_with_notes` for inputs already in a dict (the solver's hot path)."""
        kwargs, notes = self._check(inputs)
        # through models.base.call like every other evaluation, so a warning a model raises itself
        # is reported from one place (and shown once) whichever way the model was reached
        return call(self._impl, self.spec, kwargs, notes, warn=False), notes

    def evaluate_unchecked(self, **inputs: Any) -> dict[str, Any]:
        """Evaluate without validation (for re-checking already validated traces)."""
        return call(self._impl, self.spec, inputs, [], warn=False)

    def __repr__(self) -> str:
        return f"<RegisteredModel {self.ref} ({self.spec.kind}, {self.spec.family})>"


class Registry:
    """A directory of verified model cards."""

    _default: "Registry | None" = None
    _lock = threading.Lock()

    def __init__(self, path: str | os.PathLike[str] | None = None):
        _load_models()
        self.path = Path(path) if path is not None else default_registry_path()
        self._models: dict[str, dict[str, RegisteredModel]] = {}
        self._latest: dict[str, RegisteredModel] = {}
        self._load()

    # -- construction -------------------------------------------------------------------
    @classmethod
    def default(cls) -> "Registry":
        """The process-wide registry (cached; honours ``SPRINT_SOLVER_REGISTRY``)."""
        with cls._lock:
            path = default_registry_path()
            if cls._default is None or cls._default.path != path:
                cls._default = cls(path)
            return cls._default

    def _load(self) -> None:
        index = _read_index(self.path)
        listed: set[str] = set()
        for entry in index["artifacts"]:
            rel = entry["path"]
            listed.add(rel)
            f = self.path / rel
            if not f.is_file():
                raise RegistryError(f"registry artifact {rel} listed in the index is missing")
            data = f.read_bytes()
            if sha256_bytes(data) != entry["sha256"]:
                raise RegistryError(f"registry artifact {rel} fails its sha256 check "
                                    "(tampered or corrupted); run `sprint-solver registry verify`")
            try:
                spec = ModelSpec.model_validate_json(data)
            except ValueError as e:
                raise RegistryError(f"registry artifact {rel} is not a valid model card: {e}") from None
            if spec.name != entry["name"] or spec.version != entry["version"]:
                raise RegistryError(f"registry artifact {rel} does not match its index entry")
            impl = IMPLEMENTATIONS.get(spec.implementation)
            if impl is None:
                raise RegistryError(f"registry artifact {rel} names unknown implementation "
                                    f"{spec.implementation!r}; refusing to load it")
            rm = RegisteredModel(spec, impl)
            self._models.setdefault(spec.name, {})[spec.version] = rm
        for f in sorted(self.path.rglob("*.json")):
            rel = f.relative_to(self.path).as_posix()
            if rel != INDEX and rel not in listed:
                raise RegistryError(f"unknown registry artifact {rel} (not in {INDEX}); refusing to load")
        for name, versions in self._models.items():
            self._latest[name] = versions[max(versions, key=_semver_key)]

    # -- queries ------------------------------------------------------------------------
    def list(self, family: str | None = None, kind: str | None = None) -> list[RegisteredModel]:
        """Latest version of every model, optionally filtered, sorted by name."""
        return [m for n, m in sorted(self._latest.items())
                if (family is None or m.spec.family == family) and (kind is None or m.spec.kind == kind)]

    def get(self, name: str, version: str | None = None) -> RegisteredModel:
        """A model by name (``"wind.mureika_100m"`` or ``"wind.mureika_100m@1.0.0"``)."""
        if "@" in name and version is None:
            name, version = name.split("@", 1)
        versions = self._models.get(name)
        if versions is None:
            close = [n for n in self._models if name.split(".")[-1] in n][:5]
            raise ModelNotFoundError(f"no model named {name!r}" + (f"; did you mean {close}?" if close else ""),
                                     parameter="model", value=name)
        if version is None:
            return self._latest[name]
        if version not in versions:
            raise ModelNotFoundError(f"model {name!r} has no version {version!r}; "
                                     f"available: {sorted(versions, key=_semver_key)}",
                                     parameter="version", value=version)
        return versions[version]

    def __contains__(self, name: str) -> bool:
        return name.split("@")[0] in self._models

    def families(self) -> list[str]:
        return sorted({m.spec.family for m in self._latest.values()})

    @property
    def version_hash(self) -> str:
        """sha256 of the index: identifies the registry content in trio metadata."""
        return sha256_bytes((self.path / INDEX).read_bytes())[:16]


# --- files ------------------------------------------------------------------------------
def _semver_key(v: str) -> tuple[int, ...]:
    return tuple(int(p) for p in v.split("."))


def _read_index(path: Path) -> dict[str, Any]:
    f = path / INDEX
    if not f.is_file():
        raise RegistryError(f"no registry index at {f}")
    try:
        index = json.loads(f.read_text("utf-8"))
    except ValueError as e:
        raise RegistryError(f"registry index {f} is not valid JSON: {e}") from None
    if not isinstance(index, dict) or index.get("format") != INDEX_FORMAT or \
            not isinstance(index.get("artifacts"), list):
        raise RegistryError(f"registry index {f} has an unknown format")
    return index


def card_path(spec: ModelSpec) -> str:
    sub = "fitted" if spec.kind == "fitted" else "physics"
    return f"{sub}/{spec.name}@{spec.version}.json"


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + f".tmp{os.getpid()}")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def write_index(path: Path) -> None:
    """Rewrite ``index.json`` from the cards present under ``path``."""
    entries = []
    for f in sorted(path.rglob("*.json")):
        rel = f.relative_to(path).as_posix()
        if rel == INDEX:
            continue
        data = f.read_bytes()
        spec = ModelSpec.model_validate_json(data)
        entries.append({"name": spec.name, "version": spec.version, "kind": spec.kind,
                        "path": rel, "sha256": sha256_bytes(data)})
    index = {"format": INDEX_FORMAT, "artifacts": entries}
    write_atomic(path / INDEX, (json.dumps(index, indent=2, sort_keys=True) + "\n").encode())


def publish(specs: Iterable[ModelSpec], path: Path) -> list[str]:
    """Write cards for ``specs`` under ``path`` and refresh the index. Returns paths written."""
    written = []
    for spec in specs:
        rel = card_path(spec)
        write_atomic(path / rel, spec.card_bytes())
        written.append(rel)
    write_index(path)
    return written


def build(path: Path | None = None, check: bool = False) -> list[str]:
    """Publish the cards of every physics model declared in code.

    With ``check=True`` nothing is written; returns the list of cards that are
    missing or differ from the code (empty = registry up to date).
    """
    _load_models()
    path = Path(path) if path else Path(__file__).resolve().parent.parent / "registry"
    specs = [i.spec for i in IMPLEMENTATIONS.values() if i.spec is not None]
    if check:
        stale = []
        for s in specs:
            f = path / card_path(s)
            if not f.is_file() or f.read_bytes() != s.card_bytes():
                stale.append(card_path(s))
        return stale
    keep = {card_path(s) for s in specs}
    for f in (path / "physics").glob("*.json") if (path / "physics").is_dir() else []:
        if f"physics/{f.name}" not in keep:
            f.unlink()  # a model removed or re-versioned in code
    return publish(specs, path)


def verify(path: Path | None = None) -> list[str]:
    """Check every artifact against the index. Returns a list of problems (empty = OK)."""
    path = Path(path) if path else default_registry_path()
    problems: list[str] = []
    try:
        index = _read_index(path)
    except RegistryError as e:
        return [str(e)]
    listed = set()
    _load_models()
    for entry in index["artifacts"]:
        rel = entry.get("path", "?")
        listed.add(rel)
        f = path / rel
        if not f.is_file():
            problems.append(f"{rel}: missing")
            continue
        data = f.read_bytes()
        if sha256_bytes(data) != entry.get("sha256"):
            problems.append(f"{rel}: sha256 mismatch (expected {entry.get('sha256')}, "
                            f"got {sha256_bytes(data)})")
            continue
        try:
            spec = ModelSpec.model_validate_json(data)
        except ValueError as e:
            problems.append(f"{rel}: invalid card ({str(e).splitlines()[0]})")
            continue
        if spec.implementation not in IMPLEMENTATIONS:
            problems.append(f"{rel}: unknown implementation {spec.implementation!r}")
    for f in sorted(path.rglob("*.json")):
        rel = f.relative_to(path).as_posix()
        if rel != INDEX and rel not in listed:
            problems.append(f"{rel}: not listed in {INDEX}")
    return problems
