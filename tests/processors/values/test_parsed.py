from pagemill.processors.values.parsed import Parsed, Quality, worst


def test_qualities_rank_exact_over_inferred_over_empty_over_invalid() -> None:
    ranked = sorted(Quality, key=lambda q: q.rank, reverse=True)
    assert ranked == [Quality.EXACT, Quality.INFERRED, Quality.EMPTY, Quality.INVALID]
    assert worst(Quality.EXACT, Quality.INFERRED) is Quality.INFERRED
    assert worst(Quality.INFERRED, Quality.INVALID, Quality.EXACT) is Quality.INVALID


def test_ok_means_a_value_was_read() -> None:
    assert Parsed(0.0, Quality.EXACT).ok
    assert Parsed("x", Quality.INFERRED).ok
    assert not Parsed.empty().ok
    assert not Parsed.invalid().ok
    assert Parsed.invalid().value is None
