"""A test corpus made from the bundled examples: each article in several variants, one word of
its body changed, so that each variant is a new document whose events merge with the others'."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def example_variants(root: Path, words: tuple[str, ...]) -> int:
    """Write every .txt/.html example under ``root`` once per word; returns how many examples."""
    root.mkdir(parents=True, exist_ok=True)
    examples = sorted(p for p in (REPO / "examples" / "articles").iterdir() if p.suffix in {".txt", ".html"})
    for n, word in enumerate(words):
        for src in examples:
            text = src.read_text(encoding="utf-8").replace(" the ", f" the {word}", 2)
            (root / f"{src.stem}-{n}{src.suffix}").write_text(text, encoding="utf-8")
    return len(examples)
