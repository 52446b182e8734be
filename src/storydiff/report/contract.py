"""The JSON contract as Markdown, generated from the pydantic models.

The README's contract section is this function's output (``python -m
storydiff.report.contract`` rewrites it); a test keeps the two in step."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import get_args, get_origin

from pydantic import BaseModel

from .. import model

BEGIN, END = "<!-- contract:begin -->", "<!-- contract:end -->"

# The models in the order a reader meets them in the report.
ORDER = [
    model.Report, model.Document, model.Removed, model.Heading, model.Skipped, model.DuplicateGroup,
    model.Difference, model.Storyline, model.Story, model.StoryBasis, model.KeptApart, model.StoryError, model.Entity, model.Mention, model.Quote, model.QuoteConflict,
    model.Claim, model.QuantityValue, model.DateValue, model.EventValue, model.Comparison,
    model.StatedValue, model.Omission, model.Label, model.Framing, model.OutletFraming,
]


def _type_name(annotation) -> str:
    origin = get_origin(annotation)
    args = get_args(annotation)
    if annotation is type(None):
        return "null"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation.__name__
    if origin is list:
        return f"list[{_type_name(args[0])}]"
    if origin is dict:
        return f"{{{_type_name(args[0])}: {_type_name(args[1])}}}"
    if args and getattr(origin, "__name__", "") == "Literal" or str(origin) == "typing.Literal":
        return " \\| ".join(f"`{a}`" for a in args)
    if args:
        inner = [_type_name(a) for a in args if a is not type(None) and not str(a).startswith("typing.Annotated")]
        inner = inner or [_type_name(a) for a in args]
        optional = " or null" if type(None) in args else ""
        return " \\| ".join(inner) + optional
    return getattr(annotation, "__name__", str(annotation))


def contract_markdown() -> str:
    lines = []
    for cls in ORDER:
        doc = " ".join((cls.__doc__ or "").strip().split("\n\n")[0].split())
        lines += [f"#### `{cls.__name__}`", ""]
        if doc and not doc.startswith(("Usage docs", "A base class")):
            lines += [doc, ""]
        lines += ["| field | type | meaning |", "| --- | --- | --- |"]
        for name, field in cls.model_fields.items():
            annotation = field.annotation
            if name == "value" and cls is model.Claim:
                type_name = "QuantityValue \\| DateValue \\| EventValue (by `type`)"
            else:
                type_name = _type_name(annotation)
            meaning = (field.description or "").replace("|", "\\|")
            lines.append(f"| `{name}` | {type_name} | {meaning} |")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def update_readme(path: Path) -> bool:
    """Rewrite the contract section of ``path``; True when it changed."""
    text = path.read_text(encoding="utf-8")
    new = re.sub(
        re.escape(BEGIN) + r".*?" + re.escape(END),
        lambda _: f"{BEGIN}\n{contract_markdown()}{END}",
        text,
        flags=re.S,
    )
    if new != text:
        path.write_text(new, encoding="utf-8")
    return new != text


if __name__ == "__main__":
    readme = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("README.md")
    print("README updated" if update_readme(readme) else "README already up to date")
