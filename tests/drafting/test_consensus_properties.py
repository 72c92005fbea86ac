"""Invariants of the consensus rules, over random members, histories and clocks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from app.drafting.consensus import (
    ConsensusMode,
    Member,
    PositionFact,
    Roster,
    SilenceFact,
    SilencePhase,
    Stance,
    Status,
    breaks_silence,
    current_positions,
    decide,
    evaluate_paragraph,
    positions_as_of,
    silence_holds,
    silence_phase,
    summarize,
)

RCM = ("BLZ", "CAN", "CRI", "DOM", "SLV", "USA", "GTM", "HND", "MEX", "NIC", "PAN")
SACM = ("ARG", "BOL", "BRA", "CHL", "COL", "ECU", "GUY", "PRY", "PER", "SUR", "URY", "VEN")
MEMBERS = tuple(Member(c, "RCM") for c in RCM) + tuple(Member(c, "SACM") for c in SACM)
CODES = RCM + SACM + ("IOM", "UNHCR")  # observers' positions must be ignored
EPOCH = datetime(2026, 12, 1, tzinfo=UTC)

# Per test, not a global profile: other modules in the same run keep their own settings.
fast = settings(max_examples=100, deadline=None)

times = st.integers(min_value=0, max_value=72).map(lambda h: EPOCH + timedelta(hours=h))
facts = st.builds(
    PositionFact,
    code=st.sampled_from(CODES),
    stance=st.sampled_from(list(Stance)),
    taken_at=times,
    note=st.sampled_from(["", "reason", "awaiting instructions"]),
)
histories = st.lists(facts, max_size=60)
members = st.lists(st.sampled_from(MEMBERS), unique=True, max_size=23)
modes = st.sampled_from(list(ConsensusMode))


@st.composite
def silences(draw) -> SilenceFact | None:
    if draw(st.booleans()):
        return None
    started = draw(times)
    deadline = started + timedelta(hours=draw(st.integers(min_value=1, max_value=48)))
    cancelled = draw(st.none() | times)
    broken_at = draw(st.none() | times)
    broken_by = None if broken_at is None else draw(st.sampled_from(RCM + SACM))
    return SilenceFact(deadline, started, cancelled, broken_by, broken_at)


def evaluate(member_list, held, pending, silence, mode, now):
    return evaluate_paragraph(
        members=member_list,
        positions=held,
        pending_amendments=pending,
        silence=silence,
        mode=mode,
        now=now,
    )


@fast
@given(histories, st.randoms(use_true_random=False))
def test_current_positions_do_not_depend_on_arrival_order(history, rnd):
    shuffled = list(history)
    rnd.shuffle(shuffled)
    assert current_positions(shuffled) == current_positions(history)


@fast
@given(
    histories,
    members,
    st.integers(0, 3),
    silences(),
    modes,
    times,
    st.randoms(use_true_random=False),
)
def test_status_does_not_depend_on_arrival_order(
    history, member_list, pending, silence, mode, now, rnd
):
    shuffled_history, shuffled_members = list(history), list(member_list)
    rnd.shuffle(shuffled_history)
    rnd.shuffle(shuffled_members)
    expected = evaluate(member_list, current_positions(history), pending, silence, mode, now)
    got = evaluate(
        shuffled_members, current_positions(shuffled_history), pending, silence, mode, now
    )
    assert got == expected


@fast
@given(histories, members, st.integers(0, 3), silences(), modes, times, st.data())
def test_one_objection_always_brackets(history, member_list, pending, silence, mode, now, data):
    objector = data.draw(st.sampled_from(MEMBERS))
    member_list = [m for m in member_list if m != objector] + [objector]
    held = current_positions(history)
    held[objector.code] = PositionFact(objector.code, Stance.OBJECTION, now, "reason")
    result = evaluate(member_list, held, pending, silence, mode, now)
    assert result.status == Status.BRACKETED
    assert objector.code in result.objections
    assert f"{objector.code} objects" in result.reasons


@fast
@given(histories, members, st.integers(0, 3), silences(), modes, times)
def test_tallies_sum_to_members(history, member_list, pending, silence, mode, now):
    result = evaluate(member_list, current_positions(history), pending, silence, mode, now)
    *blocs, overall = result.tallies
    assert overall.bloc == "ALL"
    assert overall.members == len(member_list)
    for t in result.tallies:
        assert t.support + t.ad_referendum + t.reservation + t.objection + t.none == t.members
    for field in ("members", "support", "ad_referendum", "reservation", "objection", "none"):
        assert sum(getattr(t, field) for t in blocs) == getattr(overall, field)
    assert overall.objection == len(result.objections)
    assert overall.reservation == len(result.reservations)
    assert overall.ad_referendum == len(result.ad_referendum)


@fast
@given(histories, members, st.integers(0, 3), silences(), modes, times)
def test_agreed_means_no_objection_reservation_amendment_or_holdout(
    history, member_list, pending, silence, mode, now
):
    result = evaluate(member_list, current_positions(history), pending, silence, mode, now)
    if result.status in (Status.AGREED, Status.AGREED_AD_REF):
        assert not (result.objections or result.reservations or pending or result.holdouts)
        assert (result.status == Status.AGREED_AD_REF) == bool(result.ad_referendum)
    if mode == ConsensusMode.EXPLICIT:
        assert result.silence is None
    assert sum(summarize([result.status]).values()) == 1


@fast
@given(
    st.lists(st.sampled_from(MEMBERS), unique=True, min_size=1, max_size=23),
    st.lists(st.sampled_from([Stance.SUPPORT, Stance.AD_REFERENDUM]), max_size=23),
    st.integers(min_value=1, max_value=48),
    st.data(),
)
def test_silence_with_an_injected_clock(member_list, stances, hours, data):
    start = EPOCH
    deadline = start + timedelta(hours=hours)
    silence = SilenceFact(deadline=deadline, started_at=start)
    held = {
        m.code: PositionFact(m.code, s, start) for m, s in zip(member_list, stances, strict=False)
    }
    now_before = start + timedelta(minutes=data.draw(st.integers(0, hours * 60 - 1)))
    now_after = deadline + timedelta(minutes=data.draw(st.integers(0, 10_000)))

    def at(now, positions=held, fact=silence):
        return evaluate(member_list, positions, 0, fact, ConsensusMode.SILENCE, now)

    # Before the deadline the paragraph is pending, unless every member already agreed.
    pending = at(now_before)
    assert pending.silence == SilencePhase.RUNNING
    if len(held) < len(member_list):
        assert pending.status == Status.OPEN

    # Without an objection it is agreed after the deadline.
    adopted = at(now_after)
    assert adopted.silence == SilencePhase.HELD
    any_ad_ref = any(f.stance == Stance.AD_REFERENDUM for f in held.values())
    assert adopted.status == (Status.AGREED_AD_REF if any_ad_ref else Status.AGREED)

    # An objection before the deadline breaks it, recorded or not, and the text stays bracketed.
    objector = data.draw(st.sampled_from(member_list)).code
    assert breaks_silence(silence, Stance.OBJECTION, now_before)
    objecting = {**held, objector: PositionFact(objector, Stance.OBJECTION, now_before, "why")}
    broken = SilenceFact(deadline, start, broken_by=objector, broken_at=now_before)
    assert silence_phase(broken, now_after) == SilencePhase.BROKEN
    for fact in (silence, broken):
        result = at(now_after, objecting, fact)
        assert result.silence == SilencePhase.BROKEN
        assert result.status == Status.BRACKETED


@fast
@given(histories, members, times)
def test_positions_as_of_end_of_time_is_current(history, member_list, t):
    far = EPOCH + timedelta(days=365)
    assert positions_as_of(history, far) == current_positions(history)
    assert all(f.taken_at <= t for f in positions_as_of(history, t).values())


@fast
@given(histories, members, st.integers(0, 3), silences(), modes, times)
def test_the_status_from_counts_is_the_status_the_evaluation_gives(
    history, member_list, pending, silence, mode, now
):
    # Timelines decide from counts alone (consensus_timeline); the board evaluates in full.
    held = current_positions(history)
    result = evaluate(member_list, held, pending, silence, mode, now)
    overall = result.tallies[-1]
    status = decide(
        members=overall.members,
        silent=overall.none,
        objections=overall.objection,
        reservations=overall.reservation,
        ad_referendum=overall.ad_referendum,
        pending_amendments=pending,
        silence_held=silence_holds(silence, mode=mode, now=now),
    )
    assert status == result.status
    # A roster made once (a board of many paragraphs) evaluates as the member list does.
    assert evaluate(Roster(member_list), held, pending, silence, mode, now) == result
