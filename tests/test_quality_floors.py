"""Quality floors, in the spirit of trafilatura's own CI, on a committed sample of the
development corpus (MIT-licensed sets only: Scrapinghub and fundus' test pages, see each
folder's LICENSE), chosen for the rules that fire on them and one page per fundus country;
and on the bundled sample sites. A rule that starts cutting article text, or a change that
makes the cleaner lose an article bare trafilatura finds, fails here. (The whole corpus is
measured by ``python -m bench.quality``.)"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from bench.quality import RULE_PRECISION_FLOOR, load_dataset, measure_page, run_samples
from bench.scoring import page_counts, page_f1, score, score_counts, shingles

FIXTURES = Path(__file__).parent / "fixtures"
#: F1 of our cleaner on each committed sample (measured 0.907 and 0.949).
F1_FLOORS = {"scrapinghub": 0.90, "fundus-dev": 0.94}


@pytest.fixture(scope="module")
def measured():
    return {name: [measure_page(page) for page in load_dataset(FIXTURES / name)]
            for name in F1_FLOORS}


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


@pytest.mark.parametrize("name", sorted(F1_FLOORS))
def test_each_set_stays_above_its_floor_and_above_bare_trafilatura(measured, name):
    ours = score_counts(m["counts"]["newsarchive"] for m in measured[name])
    bare = score_counts(m["counts"]["trafilatura"] for m in measured[name])
    assert ours.f1 >= F1_FLOORS[name]
    assert ours.f1 >= bare.f1 and ours.recall >= bare.recall - 0.002


def test_no_page_loses_what_bare_trafilatura_finds(measured):
    drops = {m["key"]: page_f1(m["counts"]["trafilatura"]) - page_f1(m["counts"]["newsarchive"])
             for pages in measured.values() for m in pages}
    assert [key for key, drop in drops.items() if drop > 0.1] == []


def test_every_rule_cuts_boilerplate(measured):
    rules: dict = defaultdict(lambda: [0, 0])
    for pages in measured.values():
        for m in pages:
            for rule, units, article in m["cuts"]:
                rules[rule][0] += units
                rules[rule][1] += article
    assert len(rules) >= 5, f"the sample no longer exercises the rules: {sorted(rules)}"
    precision = {rule: 1 - article / units for rule, (units, article) in rules.items()}
    assert {r: p for r, p in precision.items() if p < RULE_PRECISION_FLOOR} == {}


def test_repeated_table_rows_are_not_cut_as_duplicates(measured):
    page = next(m for m in measured["scrapinghub"] if m["key"].startswith("5f03fc173e"))
    assert page["counts"]["newsarchive"][2] < 0.02  # the share of article shingles missed


def test_sample_sites_lose_nothing_and_keep_almost_no_boilerplate():
    results = run_samples()
    bare, rules, profiled = (results[name] for name in
                             ("trafilatura", "newsarchive", "newsarchive + site profile"))
    assert profiled["articles"] == 71
    assert profiled["lines_lost"] == rules["lines_lost"] == 0
    # Left: two section labels above a headline, each on one page (`sample_truth.KEPT`).
    assert profiled["boilerplate_left"] <= 2
    # The repeated in-body widgets survive trafilatura and the rules: only the profile sees them.
    assert rules["boilerplate_left"] >= 100 and bare["boilerplate_left"] > rules["boilerplate_left"]
