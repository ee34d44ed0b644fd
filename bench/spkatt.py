"""Score claimledger's German attribution against SpkAtt-2023 (task 2, Rehbein et al. 2023).

    python bench/spkatt.py PATH [--split dev] [--limit N]

PATH is a copy of github.com/uhh-lt/news-speaker-attribution-2023 (the directory holding
``data/``); nothing of it is copied here. Develop on ``train``; ``dev`` is the acceptance
split: run it once, never tune on it. Only top-level annotations count (``IsNested`` false,
as in the shared task's simplified subtask), and only those with a message.

The articles come as tokens; they are joined into text (no space before closing punctuation
and after opening marks) so that character offsets map back to tokens. Each article runs
through the German pipeline (``nlp.load("de")``) and the full analysis. Predictions are what
the components leave on the Doc, as in bench/polnear.py: quotes (not titles) and statements
with a chain, each with its nearest-first source's mention nearest the cue. The scores are
polnear.py's (``score``): content found at >= 30% / >= 80% of its characters, precision,
F1, and speaker accuracy over the contents found that have a gold source.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from polnear import Gold, analyse, score  # noqa: E402  (the same metric as PolNeAR)

_NO_SPACE_BEFORE = set(",.;:!?)]“”’‘«»%") | {"''"}
_NO_SPACE_AFTER = set("([„‚«")


def detokenize(sentences: list[list[str]]) -> tuple[str, dict[tuple[int, int], tuple[int, int]]]:
    """The text of the tokens and each (sentence, token)'s character range in it."""
    parts: list[str] = []
    offsets: dict[tuple[int, int], tuple[int, int]] = {}
    length = 0
    for s, tokens in enumerate(sentences):
        for t, token in enumerate(tokens):
            glue = not parts or token in _NO_SPACE_BEFORE or (parts and parts[-1] in _NO_SPACE_AFTER)
            if token == "“" and parts and parts[-1] not in _NO_SPACE_AFTER:
                glue = True  # a closing German quote mark
            if not glue:
                parts.append(" ")
                length += 1
            offsets[(s, t)] = (length, length + len(token))
            parts.append(token)
            length += len(token)
        parts.append("\n" if s + 1 < len(sentences) else "")
        length += 1 if s + 1 < len(sentences) else 0
    return "".join(parts), offsets


def _ranges(refs: list[str], offsets: dict[tuple[int, int], tuple[int, int]]) -> list[tuple[int, int]]:
    """Character ranges of token references "sentence:token", adjacent tokens merged."""
    spans = sorted(offsets[(int(s), int(t))] for s, t in (ref.split(":") for ref in refs))
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def articles(root: Path, split: str) -> list[tuple[str, str, list[Gold]]]:
    out = []
    for path in sorted((root / "data" / split / "task2").glob("*.json")):
        data = json.loads(path.read_text("utf-8"))
        text, offsets = detokenize([s["Tokens"] for s in data["Sentences"]])
        golds = [
            Gold(
                content=_ranges(a["Message"], offsets),
                source=_ranges(a["Source"], offsets),
                cue=_ranges(a["Cue"], offsets),
            )
            for a in data["Annotations"]
            if not a["IsNested"] and a["Message"]
        ]
        out.append((path.stem, text, golds))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("path", type=Path)
    ap.add_argument("--split", default="dev", choices=("train", "dev"))
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args(argv)

    data = articles(args.path, args.split)
    if args.limit:
        data = data[: args.limit]
    items, seconds = analyse(data, "de")
    res = score(items)
    print(f"SpkAtt-2023 task 2 {args.split}: {len(items)} articles, {int(res.pop('n_gold'))} gold messages,"
          f" {int(res.pop('n_pred'))} predicted")
    for key, value in res.items():
        print(f"  {key:26s} {value:.3f}")
    print("  targets: content@30_F1 >= 0.60, speaker_acc_strict >= 0.75")
    print(f"  full analysis: {seconds:.1f}s ({sum(len(t) for t, _, _ in items) / seconds / 1000:.0f}k chars/s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
