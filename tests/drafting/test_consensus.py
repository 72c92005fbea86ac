"""One test per rule in docs/consensus.md, each with the example the document gives."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.drafting.consensus import (
    DEADLINE_NOT_AFTER_START,
    EXPLICIT_MODE_NO_SILENCE,
    OBJECTION_NEEDS_REASON,
    OBSERVERS_TAKE_NO_POSITION,
    PARAGRAPH_FROZEN,
    BlocTally,
    ConsensusMode,
    Member,
    PositionFact,
    SilenceFact,
    SilencePhase,
    Stance,
    Status,
    amendment_error,
    breaks_silence,
    current_positions,
    evaluate_paragraph,
    position_error,
    positions_as_of,
    silence_error,
    silence_phase,
    summarize,
    tally,
)

RCM = ("BLZ", "CAN", "CRI", "DOM", "SLV", "USA", "GTM", "HND", "MEX", "NIC", "PAN")
SACM = ("ARG", "BOL", "BRA", "CHL", "COL", "ECU", "GUY", "PRY", "PER", "SUR", "URY", "VEN")
MEMBERS = tuple(Member(c, "RCM") for c in RCM) + tuple(Member(c, "SACM") for c in SACM)
ALL = RCM + SACM

# The examples' clock: the silence procedure runs from 1 to 3 December 2026, 18:00 UTC.
T0 = datetime(2026, 12, 1, 18, 0, tzinfo=UTC)
DEADLINE = datetime(2026, 12, 3, 18, 0, tzinfo=UTC)
BEFORE = DEADLINE - timedelta(hours=1)
AFTER = DEADLINE + timedelta(hours=1)


def at(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, 1, hour, minute, tzinfo=UTC)


def pos(code: str, stance: Stance, taken_at: datetime = T0, note: str = "") -> PositionFact:
    return PositionFact(code, stance, taken_at, note)


def positions(**by_stance: tuple[str, ...]) -> dict[str, PositionFact]:
    out: dict[str, PositionFact] = {}
    for stance, codes in by_stance.items():
        for code in codes:
            out[code] = pos(code, Stance(stance), note="reason" if stance == "objection" else "")
    return out


def everyone_but(*codes: str) -> tuple[str, ...]:
    return tuple(c for c in ALL if c not in codes)


def evaluate(
    held: dict[str, PositionFact] | None = None,
    *,
    pending: int = 0,
    silence: SilenceFact | None = None,
    mode: ConsensusMode = ConsensusMode.SILENCE,
    now: datetime = T0,
    members=MEMBERS,
):
    return evaluate_paragraph(
        members=members,
        positions=held or {},
        pending_amendments=pending,
        silence=silence,
        mode=mode,
        now=now,
    )


SILENCE = SilenceFact(deadline=DEADLINE, started_at=T0)


# --- Positions --------------------------------------------------------------------------------


def test_current_position_is_the_latest():
    history = [
        pos("MEX", Stance.SUPPORT, at(10)),
        pos("MEX", Stance.RESERVATION, at(11), "awaiting instructions"),
        pos("BRA", Stance.AD_REFERENDUM, at(9)),
        pos("BRA", Stance.SUPPORT, at(12)),
    ]
    current = current_positions(history)
    assert current == {
        "BRA": pos("BRA", Stance.SUPPORT, at(12)),
        "MEX": pos("MEX", Stance.RESERVATION, at(11), "awaiting instructions"),
    }
    assert current_positions(reversed(history)) == current


def test_same_time_tie_goes_to_the_more_blocking_stance():
    history = [
        pos("MEX", Stance.SUPPORT, at(10)),
        pos("MEX", Stance.OBJECTION, at(10), "para. 3 prejudges the outcome"),
    ]
    assert current_positions(history)["MEX"].stance == Stance.OBJECTION
    assert current_positions(history[::-1])["MEX"].stance == Stance.OBJECTION


def test_positions_as_of_gives_the_positions_current_at_a_time():
    history = [
        pos("MEX", Stance.SUPPORT, at(10)),
        pos("MEX", Stance.OBJECTION, at(14), "reason"),
        pos("BRA", Stance.SUPPORT, at(12)),
    ]
    assert positions_as_of(history, at(9)) == {}
    assert positions_as_of(history, at(12)) == {
        "BRA": pos("BRA", Stance.SUPPORT, at(12)),
        "MEX": pos("MEX", Stance.SUPPORT, at(10)),
    }
    assert positions_as_of(history, at(14))["MEX"].stance == Stance.OBJECTION


def test_a_new_version_starts_with_no_positions():
    # Everyone supported version 1; version 2 is evaluated with its own (empty) positions.
    result = evaluate({})
    assert result.status == Status.OPEN
    assert result.reasons == ("23 of 23 members have taken no position",)
    assert result.holdouts == tuple(sorted(ALL))


def test_non_members_positions_are_ignored():
    held = positions(support=ALL)
    held["IOM"] = pos("IOM", Stance.OBJECTION, note="observer comment")
    result = evaluate(held)
    assert result.status == Status.AGREED
    assert result.objections == ()
    assert result.tallies[-1] == BlocTally("ALL", 23, 23, 0, 0, 0, 0)


def test_observers_take_no_position():
    assert position_error(member=False, stance=Stance.SUPPORT, note="") == (
        OBSERVERS_TAKE_NO_POSITION
    )
    assert OBSERVERS_TAKE_NO_POSITION == "Only member delegations take positions."


def test_an_objection_needs_a_reason():
    assert position_error(member=True, stance=Stance.OBJECTION, note="  ") == (
        OBJECTION_NEEDS_REASON
    )
    assert OBJECTION_NEEDS_REASON == "An objection needs a reason."
    assert position_error(member=True, stance=Stance.OBJECTION, note="prejudges") is None
    assert position_error(member=True, stance=Stance.RESERVATION, note="") is None


# --- Status -----------------------------------------------------------------------------------


def test_agreed_when_every_member_supports():
    result = evaluate(positions(support=ALL))
    assert result.status == Status.AGREED
    assert result.holdouts == ()
    assert result.reasons == ("all 23 members agree",)


def test_agreed_ad_ref_when_some_agreement_is_ad_referendum():
    result = evaluate(positions(support=everyone_but("PER", "USA"), ad_referendum=("USA", "PER")))
    assert result.status == Status.AGREED_AD_REF
    assert result.ad_referendum == ("PER", "USA")
    assert result.holdouts == ()
    assert result.reasons == (
        "PER agrees ad referendum",
        "USA agrees ad referendum",
        "all 23 members agree",
    )


def test_one_objection_brackets():
    result = evaluate(positions(support=everyone_but("MEX"), objection=("MEX",)))
    assert result.status == Status.BRACKETED
    assert result.objections == ("MEX",)
    assert result.holdouts == ("MEX",)
    assert result.reasons == ("MEX objects",)


def test_a_reservation_brackets():
    result = evaluate(positions(support=everyone_but("BRA"), reservation=("BRA",)))
    assert result.status == Status.BRACKETED
    assert result.reservations == ("BRA",)
    assert result.holdouts == ("BRA",)
    assert result.reasons == ("BRA reserves",)


def test_a_pending_amendment_brackets_even_if_all_support():
    result = evaluate(positions(support=ALL), pending=1)
    assert result.status == Status.BRACKETED
    assert result.holdouts == ()
    assert result.reasons == ("1 pending amendment", "all 23 members agree")
    assert evaluate(positions(support=ALL), pending=2).reasons[0] == "2 pending amendments"


def test_bracketed_reasons_come_in_a_fixed_order():
    held = positions(
        support=everyone_but("ARG", "CAN", "MEX", "BRA", "PER", "USA"),
        objection=("MEX", "CAN"),
        reservation=("BRA",),
        ad_referendum=("PER",),
    )
    result = evaluate(held, pending=2)
    assert result.status == Status.BRACKETED
    assert result.holdouts == ("ARG", "BRA", "CAN", "MEX", "USA")
    assert result.reasons == (
        "CAN objects",
        "MEX objects",
        "BRA reserves",
        "2 pending amendments",
        "2 of 23 members have taken no position",
        "PER agrees ad referendum",
    )


def test_open_when_some_members_have_not_agreed():
    result = evaluate(positions(support=everyone_but("GUY", "SUR")))
    assert result.status == Status.OPEN
    assert result.holdouts == ("GUY", "SUR")
    assert result.reasons == ("2 of 23 members have taken no position",)


def test_open_without_members():
    result = evaluate({}, members=())
    assert result.status == Status.OPEN
    assert result.reasons == ("no members",)
    assert result.tallies == (BlocTally("ALL", 0, 0, 0, 0, 0, 0),)


def test_duplicate_members_are_refused():
    with pytest.raises(ValueError, match="^duplicate member code: MEX$"):
        evaluate({}, members=(Member("MEX", "RCM"), Member("MEX", "SACM")))


# --- Tallies ----------------------------------------------------------------------------------


def test_tallies_per_bloc_and_overall():
    held = positions(
        support=("MEX", "CAN", "BRA", "ARG", "CHL"),
        ad_referendum=("USA",),
        reservation=("PER",),
        objection=("VEN",),
    )
    result = evaluate(held)
    assert result.tallies == (
        BlocTally("RCM", 11, 2, 1, 0, 0, 8),
        BlocTally("SACM", 12, 3, 0, 1, 1, 7),
        BlocTally("ALL", 23, 5, 1, 1, 1, 15),
    )
    assert result.tallies[0].agreeing == 3
    # The same counts for an amendment, whatever order the members come in.
    assert tally(members=MEMBERS[::-1], positions=held) == result.tallies


def test_summarize_counts_every_status():
    statuses = [Status.AGREED, Status.BRACKETED, Status.AGREED, Status.OPEN]
    assert summarize(statuses) == {"agreed": 2, "agreed_ad_ref": 0, "bracketed": 1, "open": 1}
    assert summarize([]) == {"agreed": 0, "agreed_ad_ref": 0, "bracketed": 0, "open": 0}


# --- Silence procedures -----------------------------------------------------------------------


def test_silence_running_is_pending():
    result = evaluate(positions(support=("MEX",)), silence=SILENCE, now=BEFORE)
    assert result.status == Status.OPEN
    assert result.silence == SilencePhase.RUNNING
    assert result.reasons == (
        "silence running until 2026-12-03 18:00 UTC",
        "22 of 23 members have taken no position",
    )


def test_silence_held_counts_silent_members_as_agreeing():
    result = evaluate(positions(support=("MEX",)), silence=SILENCE, now=AFTER)
    assert result.status == Status.AGREED
    assert result.silence == SilencePhase.HELD
    assert result.holdouts == ()
    assert result.reasons == ("silence held until 2026-12-03 18:00 UTC",)
    # The tally still shows who said nothing.
    assert result.tallies[-1] == BlocTally("ALL", 23, 1, 0, 0, 0, 22)


def test_silence_held_at_the_deadline_itself():
    assert silence_phase(SILENCE, DEADLINE) == SilencePhase.HELD
    assert silence_phase(SILENCE, DEADLINE - timedelta(seconds=1)) == SilencePhase.RUNNING
    assert evaluate({}, silence=SILENCE, now=DEADLINE).status == Status.AGREED


def test_silence_held_with_ad_referendum_is_agreed_ad_ref():
    result = evaluate(positions(ad_referendum=("USA",)), silence=SILENCE, now=AFTER)
    assert result.status == Status.AGREED_AD_REF
    assert result.reasons == (
        "silence held until 2026-12-03 18:00 UTC",
        "USA agrees ad referendum",
    )


def test_an_objection_breaks_silence():
    broke_at = DEADLINE - timedelta(hours=5)
    assert breaks_silence(SILENCE, Stance.OBJECTION, broke_at)
    assert not breaks_silence(SILENCE, Stance.RESERVATION, broke_at)
    assert not breaks_silence(SILENCE, Stance.OBJECTION, DEADLINE)
    assert not breaks_silence(SILENCE, Stance.OBJECTION, T0 - timedelta(minutes=1))
    broken = SilenceFact(DEADLINE, T0, broken_by="MEX", broken_at=broke_at)
    held = {"MEX": pos("MEX", Stance.OBJECTION, broke_at, "para. 3 prejudges the outcome")}
    result = evaluate(held, silence=broken, now=AFTER)
    assert result.status == Status.BRACKETED
    assert result.silence == SilencePhase.BROKEN
    assert result.reasons == (
        "MEX objects",
        "silence broken by MEX at 2026-12-03 13:00 UTC",
        "22 of 23 members have taken no position",
    )


def test_silence_stays_broken_after_the_objection_is_lifted():
    broke_at = DEADLINE - timedelta(hours=5)
    broken = SilenceFact(DEADLINE, T0, broken_by="MEX", broken_at=broke_at)
    held = {"MEX": pos("MEX", Stance.SUPPORT, broke_at + timedelta(hours=1))}
    result = evaluate(held, silence=broken, now=AFTER)
    assert result.status == Status.OPEN
    assert result.silence == SilencePhase.BROKEN
    assert result.reasons == (
        "silence broken by MEX at 2026-12-03 13:00 UTC",
        "22 of 23 members have taken no position",
    )


def test_an_objection_breaks_silence_even_before_it_is_recorded():
    held = {"MEX": pos("MEX", Stance.OBJECTION, DEADLINE - timedelta(hours=5), "reason")}
    result = evaluate(held, silence=SILENCE, now=AFTER)
    assert result.silence == SilencePhase.BROKEN
    assert result.reasons == (
        "MEX objects",
        "silence broken by MEX at 2026-12-03 13:00 UTC",
        "22 of 23 members have taken no position",
    )


def test_a_reservation_does_not_break_silence():
    held = {"BRA": pos("BRA", Stance.RESERVATION, BEFORE, "awaiting instructions")}
    result = evaluate(held, silence=SILENCE, now=AFTER)
    assert result.silence == SilencePhase.HELD
    assert result.status == Status.BRACKETED
    assert result.holdouts == ("BRA",)
    assert result.reasons == ("BRA reserves", "silence held until 2026-12-03 18:00 UTC")
    # Once Brazil lifts its reservation, the silence that held makes the paragraph agreed.
    lifted = {"BRA": pos("BRA", Stance.SUPPORT, AFTER)}
    assert evaluate(lifted, silence=SILENCE, now=AFTER).status == Status.AGREED


def test_an_objection_after_a_held_silence_brackets():
    held = {"VEN": pos("VEN", Stance.OBJECTION, AFTER, "new instructions")}
    result = evaluate(held, silence=SILENCE, now=AFTER)
    assert result.status == Status.BRACKETED
    assert result.silence == SilencePhase.HELD
    assert result.reasons == ("VEN objects", "silence held until 2026-12-03 18:00 UTC")


def test_a_new_version_cancels_a_running_silence():
    cancelled_at = DEADLINE - timedelta(days=1)
    cancelled = SilenceFact(DEADLINE, T0, cancelled_at=cancelled_at)
    assert silence_phase(cancelled, cancelled_at - timedelta(seconds=1)) == SilencePhase.RUNNING
    assert silence_phase(cancelled, AFTER) == SilencePhase.CANCELLED
    result = evaluate({}, silence=cancelled, now=AFTER)
    assert result.status == Status.OPEN
    assert result.silence == SilencePhase.CANCELLED
    assert result.reasons == (
        "silence cancelled at 2026-12-02 18:00 UTC",
        "23 of 23 members have taken no position",
    )


def test_a_break_or_cancel_after_the_deadline_does_not_count():
    late = SilenceFact(DEADLINE, T0, cancelled_at=AFTER, broken_by="MEX", broken_at=AFTER)
    assert silence_phase(late, AFTER) == SilencePhase.HELD
    first = SilenceFact(DEADLINE, T0, cancelled_at=BEFORE, broken_by="MEX", broken_at=T0)
    assert silence_phase(first, AFTER) == SilencePhase.BROKEN


def test_a_silence_not_yet_started_does_not_count():
    result = evaluate({}, silence=SILENCE, now=T0 - timedelta(hours=1))
    assert result.silence is None
    assert result.reasons == ("23 of 23 members have taken no position",)


def test_explicit_mode_ignores_silence():
    result = evaluate(
        positions(support=("MEX",)), silence=SILENCE, mode=ConsensusMode.EXPLICIT, now=AFTER
    )
    assert result.status == Status.OPEN
    assert result.silence is None
    assert result.reasons == ("22 of 23 members have taken no position",)
    everyone = evaluate(positions(support=ALL), mode=ConsensusMode.EXPLICIT)
    assert everyone.status == Status.AGREED


def test_silence_cannot_start_in_explicit_mode_or_without_a_later_deadline():
    explicit, silence = ConsensusMode.EXPLICIT, ConsensusMode.SILENCE
    assert silence_error(mode=explicit, started_at=T0, deadline=DEADLINE) == (
        EXPLICIT_MODE_NO_SILENCE
    )
    assert silence_error(mode=silence, started_at=T0, deadline=T0) == DEADLINE_NOT_AFTER_START
    assert silence_error(mode=silence, started_at=T0, deadline=DEADLINE) is None


def test_a_frozen_paragraph_takes_no_new_amendments():
    assert amendment_error(frozen=True) == PARAGRAPH_FROZEN
    assert PARAGRAPH_FROZEN == "The chairs have frozen this paragraph: no new amendments."
    assert amendment_error(frozen=False) is None
    # Freezing does not clean brackets: amendments already pending still bracket.
    assert evaluate(positions(support=ALL), pending=1).status == Status.BRACKETED


def test_negative_pending_amendments_are_refused():
    with pytest.raises(ValueError, match="^pending_amendments cannot be negative$"):
        evaluate({}, pending=-1)
