"""The ``trios`` and ``export`` commands."""
from __future__ import annotations

import json

from click.testing import CliRunner

from sprint_solver.cli import main


def test_trios_then_export(tmp_path):
    out = tmp_path / "demo"
    r = CliRunner().invoke(main, ["trios", "--n", "60", "--out", str(out), "--calculations", "wind_correction",
                                  "--workers", "1", "--no-progress"])
    assert r.exit_code == 0, r.output
    assert "kept" in r.output and "check numbers" in r.output and (out / "manifest.json").exists()
    r = CliRunner().invoke(main, ["trios", "--n", "60", "--out", str(out), "--no-progress"])
    assert r.exit_code == 2 and "--resume" in r.output
    r = CliRunner().invoke(main, ["export", "--format", "sharegpt", str(out), str(tmp_path / "sg"),
                                  "--val-fraction", "0.2"])
    assert r.exit_code == 0, r.output
    assert json.loads((tmp_path / "sg" / "dataset_info.json").read_text())["sprint_trios"]["formatting"] == "sharegpt"
    r = CliRunner().invoke(main, ["export", "--format", "openai", str(tmp_path / "nope"), str(tmp_path / "x")])
    assert r.exit_code != 0
