"""Fine-tune the Loaded_Language gate (``claimledger.extract.loaded_gate``) on the PTC tuning split.

    .venv/bin/python tools/train_loaded_gate.py PATH/TO/datasets            # writes data/loaded_gate.npz
    .venv/bin/python tools/train_loaded_gate.py PATH/TO/datasets --fold 0   # out-of-fold check, writes nothing

PATH is a local copy of the SemEval-2020 Task 11 data (github.com/aschern/semeval2020_task11,
commit adc9dcd; see src/claimledger/data/README.md). Only the tuning 80% of the train articles is
read: the split of bench/ptc.py, whose held-out fifth is never seen here.

The first ``LAYERS`` layers of all-MiniLM-L6-v2 and a token head learn, for every word piece,
whether it lies inside a gold Loaded_Language span. The texts are the articles' paragraphs in
pieces of at most 600 characters; the embeddings stay as the package ships them, so only the
layers and the head are written (float16, ~10 MB). Positives weigh 3 (they are 3.5% of the word
pieces); the threshold undoes that weight: with it a probability of 0.75 is even odds, and a hit
is kept when its loaded reading is the more likely one. No threshold is tuned.

``--fold K`` trains on the other four fifths of the tuning articles (sorted by id, every fifth
from K) and prints the precision of that fold's lexicon hits before and after the gate, kept as
``claimledger_framing`` keeps them (the brief's own examples without asking), scored with
bench/ptc.py's partial-overlap metric. ~4 minutes a run on 2 cores.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
from spacy.util import filter_spans

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tools"))
from ptc import Score, read_labels, split_ids  # noqa: E402  (the bench's split, labels and metric, not a copy)
from train_framing import parse  # noqa: E402  (the same cached bare parse)

from claimledger import minilm  # noqa: E402
from claimledger import nlp as nlp_loader  # noqa: E402
from claimledger.extract.framing import LOADED, FramingFinder  # noqa: E402
from claimledger.extract.loaded_gate import LAYERS  # noqa: E402

OUT = ROOT / "src" / "claimledger" / "data" / "loaded_gate.npz"
POSITIVE_WEIGHT = 3.0
THRESHOLD = POSITIVE_WEIGHT / (POSITIVE_WEIGHT + 1.0)  # even odds once the weight is undone
PIECE_CHARS = 600
FOLDS = 5


def pieces(text: str) -> list[tuple[int, str]]:
    """Paragraphs cut at sentence ends (else spaces) into pieces of at most PIECE_CHARS, with their offsets."""
    out, pos = [], 0
    for line in text.split("\n"):
        start = 0
        while line.strip() and start < len(line):
            end = min(len(line), start + PIECE_CHARS)
            if end < len(line):
                cut = line.rfind(". ", start, end)
                cut = cut + 1 if cut > start + PIECE_CHARS // 4 else line.rfind(" ", start, end)
                end = cut if cut > start else end
            out.append((pos + start, line[start:end]))
            start = end
        pos += len(line) + 1
    return out


def examples(tokenizer, text: str, gold: list[tuple[int, int]]) -> list[tuple[list[int], np.ndarray]]:
    """Word-piece ids of each piece and their labels (1 inside a gold span, -100 for special tokens)."""
    out = []
    for base, piece in pieces(text):
        encoded = tokenizer(piece, return_offsets_mapping=True, truncation=True, max_length=256)
        labels = np.full(len(encoded["input_ids"]), -100, dtype=np.int64)
        for i, (s, e) in enumerate(encoded["offset_mapping"]):
            if e > s:
                labels[i] = int(any(min(base + e, ge) - max(base + s, gs) > 0 for gs, ge in gold))
        out.append((encoded["input_ids"], labels))
    return out


def train(texts: list[str], golds: list[list[tuple[int, int]]], epochs: int):
    """The fine-tuned encoder and head (embeddings frozen)."""
    import torch

    tokenizer, model = minilm.encoder(LAYERS)
    torch.set_num_threads(2)
    torch.manual_seed(0)
    for parameter in model.embeddings.parameters():
        parameter.requires_grad = False
    head = torch.nn.Linear(model.config.hidden_size, 2)
    data = [ex for text, gold in zip(texts, golds) for ex in examples(tokenizer, text, gold)]
    parameters = [p for p in model.parameters() if p.requires_grad] + list(head.parameters())
    optimizer = torch.optim.AdamW(parameters, lr=5e-5, weight_decay=0.01)
    batches_per_epoch = (len(data) + 15) // 16
    schedule = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda step: max(0.0, 1 - step / (epochs * batches_per_epoch)))
    weight = torch.tensor([1.0, POSITIVE_WEIGHT])
    rng = np.random.default_rng(0)
    began = time.time()
    model.train()
    for epoch in range(epochs):
        order = sorted(rng.permutation(len(data)), key=lambda i: len(data[i][0]) // 32 + rng.random())
        batches = [order[i : i + 16] for i in range(0, len(order), 16)]
        rng.shuffle(batches)
        for batch in batches:
            width = max(len(data[i][0]) for i in batch)
            ids = torch.zeros((len(batch), width), dtype=torch.long)
            mask = torch.zeros((len(batch), width), dtype=torch.long)
            labels = torch.full((len(batch), width), -100)
            for row, i in enumerate(batch):
                n = len(data[i][0])
                ids[row, :n], mask[row, :n], labels[row, :n] = torch.tensor(data[i][0]), 1, torch.from_numpy(data[i][1])
            logits = head(model(input_ids=ids, attention_mask=mask).last_hidden_state)
            loss = torch.nn.functional.cross_entropy(logits.view(-1, 2), labels.view(-1), weight=weight, ignore_index=-100)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            schedule.step()
        print(f"  epoch {epoch + 1}/{epochs}: {len(data)} pieces, {time.time() - began:.0f} s", flush=True)
    model.eval()
    return tokenizer, model, head


def hit_precision(docs, golds, finder: FramingFinder, gate=None) -> tuple[int, float]:
    """Lexicon hits of the docs (kept by ``gate`` = (tokenizer, model, head) if given) and their precision."""
    score = Score()
    for doc, gold in zip(docs, golds):
        spans = filter_spans(finder.lexicon_spans(doc, finder.matcher(doc)).get(LOADED, []))
        if gate is not None:
            spans = finder.confirmed(doc, spans, (*gate, THRESHOLD))
        score.add([(span.start_char, span.end_char) for span in spans], gold)
    return score.n_pred, score.prf()[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path", type=Path)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/claimledger-ptc-cache"))
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--fold", type=int, choices=range(FOLDS), help="train without this fifth and score its hits")
    args = parser.parse_args()

    tune, _ = split_ids(args.path)  # the held-out ids are never read
    texts = [(args.path / "train-articles" / f"article{i}.txt").read_text(encoding="utf-8") for i in tune]
    labels = args.path / "train-labels-task2-technique-classification"
    golds = [read_labels(labels / f"article{i}.task2-TC.labels", True).get(LOADED, []) for i in tune]
    if args.fold is None:
        tokenizer, model, head = train(texts, golds, args.epochs)
        tensors = {k: v.numpy().astype(np.float16) for k, v in model.state_dict().items() if k.startswith("encoder.")}
        tensors |= {f"head.{k}": v.detach().numpy().astype(np.float16) for k, v in head.state_dict().items()}
        np.savez_compressed(OUT, threshold=np.float32(THRESHOLD), **tensors)
        print(f"wrote {OUT} ({OUT.stat().st_size / 1e6:.1f} MB)")
        return
    inside = [k % FOLDS != args.fold for k in range(len(tune))]
    gate = train([t for t, i in zip(texts, inside) if i], [g for g, i in zip(golds, inside) if i], args.epochs)
    docs = [d for d, i in zip(parse(args.path, tune, args.cache), inside) if not i]
    held = [g for g, i in zip(golds, inside) if not i]
    finder = FramingFinder(nlp_loader.load_bare(), "claimledger_framing")
    for name, chosen in (("lexicon hits", None), (f"kept by the gate (p ≥ {THRESHOLD:.2f})", gate)):
        n, precision = hit_precision(docs, held, finder, chosen)
        print(f"  fold {args.fold}, {name}: {n} hits, precision {precision:.3f}")


if __name__ == "__main__":
    main()
