"""Quality floors, in the spirit of trafilatura's own CI: a few pages of the Scrapinghub
benchmark (MIT, see fixtures/scrapinghub/LICENSE) chosen for the boilerplate they carry, and
the bundled sample sites. A rule that starts cutting article text fails here."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.quality import load_dataset, ours, run_samples
from bench.scoring import page_counts, score, shingles

PAGES = load_dataset(Path(__file__).parent / "fixtures" / "scrapinghub")


def test_metric_follows_the_benchmark_definition():
    assert shingles("a b c") == {("a", "b", "c"): 1}
    assert shingles("one two three four one two three four")[("one", "two", "three",
                                                              "four")] == 2
    assert page_counts("a b c d e", "a b c d e") == (1.0, 0.0, 0.0)
    tp, fp, fn = page_counts("a b c d e", "a b c d x")  # shingles abcd shared, bcde/bcdx not
    assert (tp, fp, fn) == pytest.approx((1 / 3, 1 / 3, 1 / 3))
    perfect_and_empty = score([("a b c d e", "a b c d e"), ("a b c d e", "")])
    assert perfect_and_empty.precision == 1.0  # the empty prediction has no tp + fp
    assert perfect_and_empty.recall == 0.5


def test_floors_on_benchmark_pages():
    result = score((truth, ours(html, url)) for _, url, html, truth in PAGES)
    assert result.precision >= 0.90
    assert result.recall >= 0.98
    assert result.f1 >= 0.94


def test_repeated_table_rows_are_not_cut_as_duplicates():
    page = next(p for p in PAGES if p[0].startswith("5f03fc173e"))
    _, _, fn = page_counts(page[3], ours(page[2], page[1]))
    assert fn < 0.02


def test_sample_sites_lose_nothing_and_keep_no_boilerplate():
    results = run_samples()
    bare, rules, profiled = (results[name] for name in
                             ("trafilatura", "newsarchive", "newsarchive + site profile"))
    assert profiled["articles"] == 71
    assert profiled["lines_lost"] == rules["lines_lost"] == 0
    assert profiled["boilerplate_left"] == 0
    # The repeated in-body widgets survive trafilatura and the rules: only the profile sees them.
    assert rules["boilerplate_left"] >= 100 and bare["boilerplate_left"] > rules["boilerplate_left"]
