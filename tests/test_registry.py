"""The registry: cards, hashes, tamper detection, CLI."""
import json
import shutil
import subprocess
import sys

import pytest

from sprint_solver import Registry
from sprint_solver import registry as reg
from sprint_solver.errors import ModelNotFoundError, RegistryError


def test_default_registry_lists_cards():
    r = Registry.default()
    models = r.list()
    assert len(models) >= 6
    for m in models:
        s = m.spec
        assert s.version.count(".") == 2 and s.references and s.inputs and s.outputs and s.equation
        assert s.kind in ("physics", "fitted")
    assert r.get("wind.mureika_100m@1.0.0") is r.get("wind.mureika_100m")
    with pytest.raises(ModelNotFoundError):
        r.get("wind.nope")


def test_committed_cards_match_code():
    assert reg.build(check=True) == [], "run `sprint-solver registry build`"


def test_verify_passes(repo_root):
    assert reg.verify(repo_root / "registry") == []


@pytest.fixture
def copy_registry(tmp_path, repo_root):
    dst = tmp_path / "registry"
    shutil.copytree(repo_root / "registry", dst)
    return dst


def test_one_changed_byte_is_refused(copy_registry):
    card = next((copy_registry / "physics").glob("*.json"))
    data = bytearray(card.read_bytes())
    i = data.index(b"0.000125") if b"0.000125" in data else len(data) // 2
    data[i] = ord("9") if data[i] != ord("9") else ord("8")
    card.write_bytes(bytes(data))
    problems = reg.verify(copy_registry)
    assert any("sha256 mismatch" in p for p in problems)
    with pytest.raises(RegistryError, match="sha256"):
        Registry(copy_registry)
    cli = subprocess.run([sys.executable, "-m", "sprint_solver.cli", "registry", "verify", "--path",
                          str(copy_registry)], capture_output=True, text=True)
    assert cli.returncode != 0 and "sha256 mismatch" in cli.stderr


def test_unknown_artifact_is_refused(copy_registry):
    (copy_registry / "physics" / "evil@1.0.0.json").write_text("{}")
    assert any("not listed" in p for p in reg.verify(copy_registry))
    with pytest.raises(RegistryError, match="unknown registry artifact"):
        Registry(copy_registry)


def test_unknown_implementation_is_refused(copy_registry):
    card = next((copy_registry / "physics").glob("*.json"))
    d = json.loads(card.read_text())
    d["implementation"] = "os.system"
    card.write_text(json.dumps(d))
    reg.write_index(copy_registry)  # even with a consistent hash, the implementation is unknown
    with pytest.raises(RegistryError, match="unknown implementation"):
        Registry(copy_registry)


def test_env_var_points_elsewhere(copy_registry, monkeypatch):
    monkeypatch.setenv(reg.ENV_VAR, str(copy_registry))
    assert Registry.default().path == copy_registry
    monkeypatch.delenv(reg.ENV_VAR)
    assert Registry.default().path != copy_registry


def test_cli_verify_ok():
    cli = subprocess.run([sys.executable, "-m", "sprint_solver.cli", "registry", "verify"],
                         capture_output=True, text=True)
    assert cli.returncode == 0, cli.stderr
    assert "OK" in cli.stdout


def test_family_defaults_exist():
    r = Registry.default()
    for family, names in reg.FAMILY_DEFAULTS.items():
        for n in names:
            assert r.get(n).spec.family == family
