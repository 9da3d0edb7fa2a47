"""The README's model table is generated from the registry cards: keep them in step."""
from sprint_solver import Registry
from sprint_solver.cli.models_cmd import markdown_table
from sprint_solver.registry import FAMILY_DEFAULTS


def test_physics_table_matches_cards(repo_root):
    text = (repo_root / "README.md").read_text()
    table = text.split("<!-- physics-table:start -->\n", 1)[1].split("\n<!-- physics-table:end -->", 1)[0]
    expected = markdown_table([m.spec for m in Registry.default().list(kind="physics")], FAMILY_DEFAULTS)
    assert table.strip() == expected.strip(), "regenerate with `sprint-solver models --markdown --kind physics`"
