"""De-duplication before any teacher call: exact, near (skeleton) and MinHash."""
from __future__ import annotations

from sprint_solver.trios.dedupe import Deduplicator, HashTable64, MinHashLSH, normalize, skeleton
from sprint_solver.trios.queries import QueryGenerator


def test_exact_duplicates_ignore_case_and_spacing():
    d = Deduplicator(10)
    assert d.check(0, "What is 10.10 with +1.0 m/s worth?") is None
    hit = d.check(1, "  what is 10.10   with +1.0 m/s WORTH?  ")
    assert hit is not None and hit.of == 0 and hit.match == "exact" and hit.similarity == 1.0


def test_near_duplicates_ignore_filler_and_number_notation():
    d = Deduplicator(10)
    assert d.check(0, "Hi! What is 10.00 (+1.2) worth in still air?") is None
    hit = d.check(1, "Quick question: what is 10 (1.2) worth in still air? Thanks!")
    assert hit is not None and (hit.of, hit.match) == (0, "near")
    # a different number or a different question is not a duplicate
    assert d.check(2, "What is 10.01 (+1.2) worth in still air?") is None
    assert d.check(3, "What is 10.00 (-1.2) worth in still air?") is None
    assert skeleton("What's 9.58 worth?") == skeleton("what is 9.580 worth") != skeleton("what is 9.59 worth")
    assert normalize(" A  b. ") == "a b"


def test_off_keeps_near_duplicates():
    d = Deduplicator(10, near="off")
    assert d.check(0, "Hi! What is 10.00 (+1.2) worth?") is None
    assert d.check(1, "What is 10 (1.2) worth?") is None


def test_minhash_finds_paraphrases_with_similarity():
    lsh = MinHashLSH(threshold=0.6)
    a = skeleton("how much would a strong headwind of two metres per second slow down a ten second sprinter "
                 "over the full hundred metres race")
    b = skeleton("how much would a strong headwind of two metres per second slow down a ten second sprinter "
                 "over the whole hundred metres race")
    assert lsh.check(0, a) is None
    hit = lsh.check(1, b)
    assert hit is not None and hit[0] == 0 and 0.6 <= hit[1] < 1.0
    assert lsh.check(2, skeleton("what pace do i need for a marathon in three hours")) is None


def test_hash_table_is_fixed_size_and_grows_only_when_overfilled():
    t = HashTable64(1000)
    size = len(t.keys)
    for i in range(1000):
        assert t.get_or_insert(i * 7919 + 1, i) == -1
    assert len(t.keys) == size and t.nbytes == 16 * size  # no growth within the expected size
    assert t.get_or_insert(7919 * 5 + 1, 99) == 5
    for i in range(1000, 3000):
        t.get_or_insert(i * 7919 + 1, i)
    assert t.get_or_insert(2999 * 7919 + 1, -5) == 2999


def test_generated_stream_has_few_duplicates():
    g = QueryGenerator(seed=2, calculations=["wind_correction"])
    d = Deduplicator(2000)
    dups = sum(d.check(i, g.query(i).text) is not None for i in range(2000))
    assert dups < 0.01 * 2000  # every kind of question is slot-filled (1 of 2000 measured)
