"""The copy search's MinHash signatures stay the same numbers across datasketch releases (its
2.0 changed its default scheme), so that shards made on other machines, and indexes rebuilt
from the records, find the same copies as the archive that made them."""

from __future__ import annotations

from archive.store.copies import signature, similarity

WIRE = ("The minister said on Tuesday that the budget would be cut in several regions, while "
        "officials in the capital warned of delays and protests as ministers met union leaders "
        "to discuss wages, pensions and the price of energy after a week of talks.")


def test_signatures_are_those_the_archive_always_made():
    """Pinned: the values datasketch 2.0's MinHash gives with seed 1 and the "affine32" scheme,
    which made the signatures of the archives written so far."""
    values = signature(WIRE)
    assert values.dtype == "uint32" and len(values) == 128
    assert [int(v) for v in values[:8]] == [85095355, 27312288, 275386474, 31848243, 77275517,
                                           136973469, 110815087, 70107158]
    assert [int(v) for v in signature(" ".join(f"word{n}" for n in range(64)))[:4]] == [
        12119876, 52356464, 72800971, 34681342]


def test_a_copy_with_an_edit_is_close_and_a_short_text_has_none():
    edited = WIRE.replace("Tuesday", "Wednesday") + " A spokesman declined to comment."
    assert similarity(signature(WIRE), signature(edited)) >= 0.5
    assert similarity(signature(WIRE), signature(" ".join(f"w{n}" for n in range(60)))) < 0.1
    assert signature("Too short to be compared with anything.") is None
