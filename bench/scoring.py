"""The Scrapinghub article-extraction benchmark's metric, implemented from its definition:
4-token shingles with counts, per-page tp/fp/fn normalised so that every page weighs the same,
precision and recall averaged over pages, F1 of the averages."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

_TOKEN = re.compile(r"\w+")
SHINGLE = 4


def shingles(text: str) -> Counter:
    tokens = _TOKEN.findall(text or "")
    if not tokens:
        return Counter()
    if len(tokens) < SHINGLE:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i:i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1))


def page_counts(true_text: str, predicted: str) -> tuple[float, float, float]:
    """Normalised (tp, fp, fn) of one page."""
    truth, pred = shingles(true_text), shingles(predicted)
    tp = fp = fn = 0
    for key in truth.keys() | pred.keys():
        t, p = truth[key], pred[key]
        tp += min(t, p)
        fp += max(0, p - t)
        fn += max(0, t - p)
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


@dataclass
class Score:
    precision: float
    recall: float
    pages: int

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score(pairs) -> Score:
    """``pairs``: (true text, predicted text) per page."""
    return score_counts(page_counts(true_text, predicted) for true_text, predicted in pairs)


def page_scores(tp: float, fp: float, fn: float) -> tuple[float | None, float | None]:
    """(precision, recall) of one page from its counts, None where undefined."""
    precision = (1.0 if fp == fn == 0 else tp / (tp + fp)) if tp + fp > 0 else None
    recall = (1.0 if fp == fn == 0 else tp / (tp + fn)) if tp + fn > 0 else None
    return precision, recall


def page_f1(counts: tuple[float, float, float]) -> float:
    precision, recall = page_scores(*counts)
    precision, recall = precision or 0.0, recall or 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def score_counts(counts) -> Score:
    """``counts``: normalised (tp, fp, fn) per page."""
    precisions, recalls = [], []
    pages = 0
    for tp, fp, fn in counts:
        pages += 1
        precision, recall = page_scores(tp, fp, fn)
        if precision is not None:
            precisions.append(precision)
        if recall is not None:
            recalls.append(recall)
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(recalls) / len(recalls) if recalls else 0.0
    return Score(precision, recall, pages)


def cut_accounting(true_text: str, predicted: str, cuts) -> list[tuple[str, int, int]]:
    """For each ``(rule, text)`` cut, in order: ``(rule, units, article units)``, where units are
    the cut's 4-token shingles and article units those of them the ground truth holds and the
    output lacks (a cut copy of a line kept elsewhere is not article text lost). A cut of fewer
    than four tokens is one unit, article when its token run is in the truth more often than in
    the output."""
    missing = shingles(true_text) - shingles(predicted)
    truth_tokens, output_tokens = _TOKEN.findall(true_text or ""), _TOKEN.findall(predicted or "")
    short_missing: Counter = Counter()
    for n in range(1, SHINGLE):
        short_missing.update(_ngrams(truth_tokens, n) - _ngrams(output_tokens, n))
    accounted = []
    for rule, text in cuts:
        tokens = tuple(_TOKEN.findall(text))
        if not tokens:
            continue
        if len(tokens) < SHINGLE:
            article = 1 if short_missing[tokens] > 0 else 0
            short_missing[tokens] -= article
            accounted.append((rule, 1, article))
            continue
        cut = shingles(text)
        taken = Counter({key: min(count, missing[key]) for key, count in cut.items()
                         if missing[key] > 0})
        missing -= taken
        accounted.append((rule, sum(cut.values()), sum(taken.values())))
    return accounted


def _ngrams(tokens: list[str], n: int) -> Counter:
    return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))
