"""The learned half of claimledger_framing: a token tagger for propaganda spans and a technique classifier.

Both are linear models over hashed features of the already-parsed Doc (word, lemma, tag,
dependency, neighbours, sentence context, lexicon hits), so applying them is a handful of
numpy gathers per Doc and no Python loop per token or feature. The weights are
``data/framing_model.npz``, trained on the tuning 80% of the Propaganda Techniques Corpus train
articles by ``tools/train_framing.py``; the same ``features`` function featurises for training
and for inference, so the two cannot drift apart.

Why hashing over spaCy's own string hashes: ``doc.to_array`` already hands out a stable 64-bit
hash per word, lemma and tag, so a feature index is arithmetic on those arrays, not a dict
lookup per string, and the weights need no vocabulary file.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cache

import numpy as np
from claimledger import datafiles
from spacy.attrs import DEP, ENT_TYPE, HEAD, IS_PUNCT, LEMMA, LOWER, SENT_START, SHAPE, TAG
from spacy.tokens import Doc

BITS = 18
N_BUCKETS = 1 << BITS
_ATTRS = [LOWER, LEMMA, TAG, DEP, SHAPE, HEAD, IS_PUNCT, ENT_TYPE, SENT_START]
_K1, _K2, _K3 = np.uint64(0x9E3779B97F4A7C15), np.uint64(0xC2B2AE3D27D4EB4F), np.uint64(0x165667B19E3779F9)
_QUOTES = frozenset({'"', "“", "”", "``", "''", "«", "»"})
_EXCLAIM, _QUESTION, _PAD = 1, 2, np.uint64(0x5BD1E995)
N_TEMPLATES = 26


def _mix(template: int, a: np.ndarray, b: np.ndarray | int = 0) -> np.ndarray:
    """Bucket of feature ``template`` with values a (and b): multiply-xor-shift on uint64, wrapping."""
    with np.errstate(over="ignore"):
        h = (a.astype(np.uint64) * _K1) ^ (np.asarray(b, dtype=np.uint64) * _K2) ^ (np.uint64(template + 1) * _K3)
        h ^= h >> np.uint64(29)
        h *= _K1
        h ^= h >> np.uint64(32)
    return (h & np.uint64(N_BUCKETS - 1)).astype(np.int32)


def _shift(values: np.ndarray, by: int) -> np.ndarray:
    """values[i + by], padded with a fixed 'outside the document' value."""
    out = np.full_like(values, _PAD)
    if by > 0:
        out[:-by] = values[by:]
    elif by < 0:
        out[-by:] = values[:by]
    return out


def _u(values: np.ndarray) -> np.ndarray:
    return np.asarray(values).astype(np.uint64)


def _window_sum(values: np.ndarray, radius: int) -> np.ndarray:
    """values summed over i-radius … i+radius (zeros beyond the ends), for any length of Doc."""
    cum = np.concatenate(([0], np.cumsum(values)))
    idx = np.arange(len(values))
    return cum[np.minimum(idx + radius + 1, len(values))] - cum[np.maximum(idx - radius, 0)]


def _per_sentence(values: np.ndarray, sent: np.ndarray, n_sents: int) -> np.ndarray:
    """Sum of values over each token's sentence, broadcast back to the tokens."""
    return np.bincount(sent, weights=values, minlength=n_sents)[sent]


def features(doc: Doc, loaded_hashes: np.ndarray, technique_hits: np.ndarray) -> np.ndarray:
    """Hashed feature buckets, one row per token (shape n_tokens × n_templates).

    ``loaded_hashes``: LOWER hashes of the loaded-word lexicon; ``technique_hits``: per token,
    0 or 1 + the index of the hand-curated technique phrase covering it.
    """
    n = len(doc)
    if n == 0:
        return np.zeros((0, N_TEMPLATES), dtype=np.int32)
    a = doc.to_array(_ATTRS).astype(np.uint64)
    lower, lemma, tag, dep, shape, punct, ent = a[:, 0], a[:, 1], a[:, 2], a[:, 3], a[:, 4], a[:, 6], a[:, 7]
    idx = np.arange(n)
    head = np.clip(idx + a[:, 5].view(np.int64), 0, n - 1)
    sent = np.maximum(np.cumsum(a[:, 8].view(np.int64) == 1) - 1, 0)
    n_sents = int(sent[-1]) + 1
    loaded = np.isin(lower, loaded_hashes).astype(np.int64)
    texts = [t.text for t in doc]
    is_quote = np.fromiter((t in _QUOTES for t in texts), dtype=np.int64, count=n)
    marks = np.fromiter(((t == "!") * _EXCLAIM + (t == "?") * _QUESTION for t in texts), dtype=np.int64, count=n)
    in_quote = np.cumsum(is_quote) % 2  # straight and curly quotes alike: inside after an odd number
    window = _window_sum(loaded, 3) - loaded
    sent_len = np.bincount(sent, minlength=n_sents)[sent]
    position = idx - np.searchsorted(sent, np.arange(n_sents))[sent]
    sent_loaded = _per_sentence(loaded, sent, n_sents).astype(np.int64)
    sent_marks = (_per_sentence(marks & _EXCLAIM, sent, n_sents) > 0) * 1 + (_per_sentence(marks & _QUESTION, sent, n_sents) > 0) * 2
    sent_quotes = (_per_sentence(is_quote, sent, n_sents) > 0).astype(np.int64)
    columns = [
        _mix(0, lower),
        _mix(1, lemma),
        _mix(2, tag),
        _mix(3, dep),
        _mix(4, shape),
        _mix(5, _shift(lower, -1)),
        _mix(6, _shift(lower, 1)),
        _mix(7, _shift(lower, -2)),
        _mix(8, _shift(lower, 2)),
        _mix(9, lemma[head]),
        _mix(10, dep, lemma[head]),
        _mix(11, _shift(tag, -1), tag),
        _mix(12, tag, _shift(tag, 1)),
        _mix(13, _shift(lower, -1), lower),
        _mix(14, lower, _shift(lower, 1)),
        _mix(15, _u(loaded), tag),
        _mix(16, _u(np.minimum(window, 3))),
        _mix(17, _u(np.minimum(sent_loaded, 4))),
        _mix(18, _u(np.minimum(sent_len // 8, 8))),
        _mix(19, _u(np.minimum(position, 12))),
        _mix(20, _u(sent_marks), _u(sent_quotes)),
        _mix(21, _u(in_quote), punct),
        _mix(22, _u(technique_hits)),
        _mix(23, ent),
        _mix(24, lemma, _u(in_quote)),
        _mix(25, _shift(lemma, -1), lemma[head]),
    ]
    return np.stack(columns, axis=1)


@dataclass(frozen=True)
class FramingModel:
    """Weights and decision thresholds, as ``tools/train_framing.py`` exported them.

    Decoding: the token log-odds are averaged over a window of ``smooth`` tokens (one hot word
    rarely makes a span; a run of warm ones does), runs of tokens at or above ``span_low``
    become candidate spans, and a candidate is kept only when some token reaches
    ``span_high`` (hysteresis: the strong evidence chooses the span, the weak one sets its extent).
    """

    span_weights: np.ndarray  # (N_BUCKETS,): log-odds that a token is inside a propaganda span
    span_bias: float
    smooth: int
    span_low: float
    span_high: float
    technique_weights: np.ndarray  # (N_BUCKETS, n_techniques)
    technique_bias: np.ndarray  # (n_techniques,)
    techniques: tuple[str, ...]
    technique_thresholds: np.ndarray  # (n_techniques,): min probability to label; > 1 = never labelled
    lexicon_gates: np.ndarray  # (n_techniques,): min token probability for a lexicon hit of it; > 1 = dropped

    def token_probs(self, rows: np.ndarray) -> np.ndarray:
        """Smoothed probability per token of being inside a propaganda span."""
        z = self.span_weights[rows].sum(axis=1) + self.span_bias
        if self.smooth > 1:
            z = _window_sum(z, self.smooth // 2) / self.smooth
        return 1.0 / (1.0 + np.exp(-z))

    def spans(self, rows: np.ndarray, probs: np.ndarray) -> list[tuple[int, int, int, np.ndarray]]:
        """Kept runs as (start, end, technique index or -1 when no label is trusted, technique probabilities)."""
        edges = np.diff(np.concatenate(([0], (probs >= self.span_low).astype(np.int8), [0])))
        starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
        if not len(starts):
            return []
        peak = np.maximum.reduceat(probs, starts)
        keep = peak >= self.span_high
        starts, ends = starts[keep], ends[keep]
        if not len(starts):
            return []
        token_logits = self.technique_weights[rows].sum(axis=1)  # (n_tokens, n_techniques)
        cum = np.vstack([np.zeros((1, token_logits.shape[1])), np.cumsum(token_logits, axis=0)])
        logits = (cum[ends] - cum[starts]) / (ends - starts)[:, None] + self.technique_bias
        probs_t = np.exp(logits - logits.max(axis=1, keepdims=True))
        probs_t /= probs_t.sum(axis=1, keepdims=True)
        best = probs_t.argmax(axis=1)
        confident = probs_t[np.arange(len(best)), best] >= self.technique_thresholds[best]
        label = np.where(confident, best, -1)
        return [(int(s), int(e), int(c), p) for s, e, c, p in zip(starts, ends, label, probs_t)]

    def gate(self, technique: str) -> float:
        """The token probability a lexicon hit of ``technique`` needs to be reported (2.0: never)."""
        return float(self.lexicon_gates[self.techniques.index(technique)]) if technique in self.techniques else 2.0


@cache
def load_model() -> FramingModel:
    with io.BytesIO(datafiles.weights("framing_model")) as f:
        z = np.load(f)
        return FramingModel(
            span_weights=z["span_weights"].astype(np.float32),
            span_bias=float(z["span_bias"]),
            smooth=int(z["smooth"]),
            span_low=float(z["span_low"]),
            span_high=float(z["span_high"]),
            technique_weights=z["technique_weights"].astype(np.float32),
            technique_bias=z["technique_bias"].astype(np.float32),
            techniques=tuple(str(t) for t in z["techniques"]),
            technique_thresholds=z["technique_thresholds"].astype(np.float32),
            lexicon_gates=z["lexicon_gates"].astype(np.float32),
        )


def technique_hits(n_tokens: int, matches: list[tuple[int, int, int]]) -> np.ndarray:
    """Per token 0, or 1 + the technique index of a hand-curated phrase match covering it.

    ``matches`` are (technique index, start, end); a later match overwrites an earlier one,
    which is harmless because a token inside two phrases is rare and either label informs.
    """
    hits = np.zeros(n_tokens, dtype=np.int64)
    for technique, start, end in matches:
        hits[start:end] = technique + 1
    return hits
