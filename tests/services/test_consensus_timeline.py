"""The timeline's shortcuts give exactly the statuses the rules give (no database)."""

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from app.drafting import consensus
from app.drafting import timeline as timeline
from app.drafting.consensus import ConsensusMode, Member, PositionFact, SilenceFact, Stance

RCM = ["BLZ", "CAN", "CRI", "DOM", "GTM", "HND", "MEX", "NIC", "PAN", "SLV", "USA"]
SACM = ["ARG", "BOL", "BRA", "CHL", "COL", "ECU", "GUY", "PER", "PRY", "SUR", "URY", "VEN"]
MEMBERS = [Member(c, "RCM") for c in RCM] + [Member(c, "SACM") for c in SACM]
T0 = datetime(2026, 12, 1, tzinfo=UTC)

hours = st.integers(min_value=0, max_value=96).map(lambda h: T0 + timedelta(hours=h))
takes = st.lists(
    st.tuples(
        st.sampled_from([m.code for m in MEMBERS] + ["IOM"]),
        st.sampled_from(list(Stance) + [None]),  # None: the position is withdrawn
        hours,
    ),
    max_size=40,
)
silences = st.none() | st.builds(
    lambda start, length, cancel, breaker: SilenceFact(
        deadline=start + timedelta(hours=length),
        started_at=start,
        cancelled_at=cancel,
        broken_by=breaker[0] if breaker else None,
        broken_at=breaker[1] if breaker else None,
    ),
    hours,
    st.integers(min_value=1, max_value=48),
    st.none() | hours,
    st.none() | st.tuples(st.sampled_from(["MEX", "VEN"]), hours),
)


def brute_force(history, pending, silence, mode, now):
    """The status straight from the rules: positions as of `now`, withdrawals applied."""
    facts = [PositionFact(c, s, t) for c, s, t in history if s is not None and t <= now]
    positions = consensus.positions_as_of(facts, now)
    for code, stance, t in history:
        held = positions.get(code)
        if stance is None and t <= now and held is not None and t >= held.taken_at:
            del positions[code]
    silence = silence if silence is not None and silence.started_at <= now else None
    return consensus.evaluate_paragraph(
        members=MEMBERS,
        positions=positions,
        pending_amendments=pending,
        silence=silence,
        mode=mode,
        now=now,
    ).status


@settings(max_examples=300, deadline=None)
@given(
    history=takes,
    pending=st.lists(st.tuples(hours, st.none() | hours), max_size=3),
    silence=silences,
    mode=st.sampled_from(list(ConsensusMode)),
    moments=st.lists(hours, min_size=1, max_size=8),
)
def test_the_timeline_gives_the_status_the_rules_give_at_every_moment(
    history, pending, silence, mode, moments
):
    # Distinct times per delegation: same-instant ties are the rules' own (tested there).
    seen, unique = set(), []
    for code, stance, t in history:
        if (code, t) not in seen:
            seen.add((code, t))
            unique.append((code, stance, t))
    amendments = [(o, s) for o, s in pending if s is None or s > o]
    paragraph = timeline.build(
        paragraph_id=1,
        section_id=1,
        created_at=T0,
        deleted_at=None,
        version_times=[T0],
        takes=[(1, t, c, None if s is None else s.value, "") for c, s, t in unique],
        amendments=amendments,
        silences=[(1, silence)] if silence else [],
        member_codes=frozenset(m.code for m in MEMBERS),
    )
    evaluator = timeline.Evaluator(MEMBERS, mode)
    counted = timeline.counts_over([paragraph], [(t, None) for t in moments], evaluator)
    for t, counts in zip(moments, counted, strict=True):
        open_at_t = sum(1 for o, s in amendments if o <= t and (s is None or s > t))
        expected = brute_force(unique, open_at_t, silence, mode, t)
        assert counts == consensus.summarize([expected]), t


def test_a_revision_counts_the_versions_it_pins():
    codes = frozenset(m.code for m in MEMBERS)
    paragraph = timeline.build(
        paragraph_id=7,
        section_id=1,
        created_at=T0,
        deleted_at=None,
        version_times=[T0, T0 + timedelta(days=2)],
        takes=[(1, T0 + timedelta(hours=1), m.code, "support", "") for m in MEMBERS],
        amendments=[],
        silences=[],
        member_codes=codes,
    )
    evaluator = timeline.Evaluator(MEMBERS, ConsensusMode.SILENCE)
    later = T0 + timedelta(days=3)
    pinned, current = timeline.counts_over([paragraph], [(later, {7: 1}), (later, None)], evaluator)
    assert pinned["agreed"] == 1  # version 1, which everyone supported
    assert current["open"] == 1  # version 2, which nobody has supported yet


@settings(max_examples=200, deadline=None)
@given(history=takes, pending=st.lists(st.tuples(hours, st.none() | hours), max_size=3))
def test_indexing_every_paragraph_at_once_indexes_each_as_alone(history, pending):
    """The board's path (rows sorted by the database, one pass) against `build`."""
    codes = frozenset(m.code for m in MEMBERS)
    rows = [(7, 1, t, c, None if s is None else s.value) for c, s, t in history if c in codes]
    rows.sort(key=lambda r: (r[0], r[1], r[2], r[4] is None))
    paragraph = type("Row", (), {"id": 7, "section_id": 1, "created_at": T0, "deleted_at": None})
    (together,) = timeline.build_all(
        [paragraph],
        takes=rows,
        amendments=[(7, o, s) for o, s in pending],
        silences=[],
        version_times={7: [T0]},
    )
    alone = timeline.build(
        paragraph_id=7,
        section_id=1,
        created_at=T0,
        deleted_at=None,
        version_times=[T0],
        takes=[(1, t, c, None if s is None else s.value, "") for c, s, t in history],
        amendments=pending,
        silences=[],
        member_codes=codes,
    )
    evaluator = timeline.Evaluator(MEMBERS, ConsensusMode.SILENCE)
    moments = [(T0 + timedelta(hours=h), None) for h in range(0, 100, 6)]
    assert timeline.counts_over([together], moments, evaluator) == timeline.counts_over(
        [alone], moments, evaluator
    )
