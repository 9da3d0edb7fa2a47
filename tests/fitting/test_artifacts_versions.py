"""Refits that change parameters get a new patch version; identical refits reuse theirs."""
import shutil

from sprint_solver import Registry
from sprint_solver.fitting.artifacts import publish
from sprint_solver.spec import ModelSpec


def test_refit_versioning(tmp_path, repo_root):
    reg_dir = tmp_path / "registry"
    shutil.copytree(repo_root / "registry", reg_dir)
    card = sorted((reg_dir / "fitted").glob("lanes.fitted_200m@*.json"))[-1]
    spec = ModelSpec.model_validate_json(card.read_bytes())
    before = card.read_bytes()

    assert publish([spec], reg_dir) == [f"fitted/{card.name}"]          # same parameters: same version, bytes
    assert card.read_bytes() == before

    params = dict(spec.parameters)
    params["refit_marker"] = 1
    changed = spec.model_copy(update={"parameters": params})
    written = publish([changed], reg_dir)
    major_minor, patch = spec.version.rsplit(".", 1)
    assert written == [f"fitted/lanes.fitted_200m@{major_minor}.{int(patch) + 1}.json"]
    assert card.exists()                                                  # the old version stays
    r = Registry(reg_dir)
    assert r.get("lanes.fitted_200m").version == f"{major_minor}.{int(patch) + 1}"
    assert r.get(f"lanes.fitted_200m@{spec.version}").spec.parameters == spec.parameters
