"""The README stays true: its contract section is what the models say."""

from pathlib import Path

from storydiff.report.contract import BEGIN, END, contract_markdown

README = Path(__file__).resolve().parents[1] / "README.md"


def test_readme_contract_matches_the_models():
    text = README.read_text(encoding="utf-8")
    section = text.split(BEGIN, 1)[1].split(END, 1)[0]
    assert section.strip() == contract_markdown().strip(), (
        "README contract is stale: run `python -m storydiff.report.contract README.md`"
    )


def test_readme_names_the_two_commands():
    text = README.read_text(encoding="utf-8")
    assert "bash scripts/demo.sh" in text and "bash scripts/test.sh" in text
    assert "scripts/test.sh" in (README.parent / ".ci" / "run").read_text()
