package io.oppsuite.analytics.transition;

import io.oppsuite.analytics.transition.Contribution.Outcome;
import io.oppsuite.analytics.transition.Contribution.StageFact;
import io.oppsuite.analytics.transition.OpportunityTimeline.LoggedEvent;
import io.oppsuite.common.contracts.OpportunityEvents;
import io.oppsuite.common.contracts.OpportunityState;
import io.oppsuite.common.contracts.StageType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpportunityTimelineTest {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    static OpportunityState state(long version, String stage, StageType type, Instant enteredAt, int amount, int winRate) {
        return new OpportunityState("o1", "Deal", "a1", "Acme", "rep-1", "d1", BigDecimal.valueOf(amount), "EUR",
                BigDecimal.valueOf(winRate), LocalDate.parse("2026-03-15"), "p1", stage, type, "ACTIVE", enteredAt, T0, version);
    }

    static Map<String, StageFact> facts(Contribution c) {
        return c.stages().stream().collect(Collectors.toMap(StageFact::stageKey, Function.identity()));
    }

    @Test
    void reEnteredStageSumsEveryStayAndKeepsTheForecastOfTheFirstEntry() {
        List<LoggedEvent> events = List.of(
                new LoggedEvent(OpportunityEvents.CREATED, state(1, "qual", StageType.IN_PROGRESS, T0, 1000, 10)),
                new LoggedEvent(OpportunityEvents.STAGE_CHANGED, state(2, "prop", StageType.IN_PROGRESS, T0.plusSeconds(100), 1000, 40)),
                new LoggedEvent(OpportunityEvents.UPDATED, state(3, "prop", StageType.IN_PROGRESS, T0.plusSeconds(100), 5000, 40)),
                new LoggedEvent(OpportunityEvents.STAGE_CHANGED, state(4, "qual", StageType.IN_PROGRESS, T0.plusSeconds(300), 5000, 10)),
                new LoggedEvent(OpportunityEvents.STAGE_CHANGED, state(5, "lost", StageType.LOST, T0.plusSeconds(1000), 5000, 0)));
        Map<String, StageFact> facts = facts(OpportunityTimeline.contribution(events));
        assertEquals(100 + 700, facts.get("qual").closedMillis() / 1000);
        assertEquals(0, new BigDecimal("100").compareTo(facts.get("qual").forecast()));
        assertEquals(Outcome.LOST, facts.get("qual").outcome());
        assertEquals(Outcome.TRANSITIONED, facts.get("prop").outcome());
        assertEquals(0, new BigDecimal("400").compareTo(facts.get("prop").forecast()), "forecast as at first entry, not after the update");
        assertEquals(Outcome.RETAINED, facts.get("lost").outcome());
        assertEquals(0, facts.get("lost").closedMillis());
        assertEquals(T0.plusSeconds(1000).toEpochMilli(), facts.get("lost").openSinceMillis(),
                "the open stay in a terminal stage counts up to now, like any other stay");
    }

    @Test
    void aLossKeepsTheReasonGivenOnEnteringLostWhicheverEventOfTheMoveCarriesIt() {
        OpportunityState lost = state(3, "lost", StageType.LOST, T0.plusSeconds(500), 1000, 0);
        List<LoggedEvent> events = new ArrayList<>(List.of(
                new LoggedEvent(OpportunityEvents.CREATED, state(1, "qual", StageType.IN_PROGRESS, T0, 1000, 10)),
                new LoggedEvent(OpportunityEvents.STAGE_CHANGED, state(2, "prop", StageType.IN_PROGRESS, T0.plusSeconds(100), 1000, 40)),
                new LoggedEvent(OpportunityEvents.STAGE_CHANGED, lost, null, null),
                new LoggedEvent(OpportunityEvents.CLOSED, lost, null, "budget")));
        Map<String, StageFact> facts = facts(OpportunityTimeline.contribution(events));
        assertEquals("budget", facts.get("prop").lossReason());
        assertNull(facts.get("qual").lossReason(), "qualification was left forward");
        Collections.reverse(events);
        assertEquals("budget", facts(OpportunityTimeline.contribution(events)).get("prop").lossReason(), "in any arrival order");
        // reopened and moved on: the stage is no longer lost, its reason goes with it
        events.add(new LoggedEvent(OpportunityEvents.STAGE_CHANGED, state(4, "prop", StageType.IN_PROGRESS, T0.plusSeconds(900), 1000, 40)));
        events.add(new LoggedEvent(OpportunityEvents.STAGE_CHANGED, state(5, "won", StageType.WON, T0.plusSeconds(950), 1000, 100)));
        StageFact prop = facts(OpportunityTimeline.contribution(events)).get("prop");
        assertEquals(Outcome.TRANSITIONED, prop.outcome());
        assertNull(prop.lossReason());
    }

    @Test
    void asOfAnInstantOnlyTheEventsThatHadHappenedCount() {
        List<LoggedEvent> events = List.of(
                new LoggedEvent(OpportunityEvents.CREATED, state(1, "qual", StageType.IN_PROGRESS, T0, 1000, 10), T0.toEpochMilli(), null),
                new LoggedEvent(OpportunityEvents.STAGE_CHANGED, state(2, "prop", StageType.IN_PROGRESS, T0.plusSeconds(100), 1000, 40),
                        T0.plusSeconds(100).toEpochMilli(), null),
                new LoggedEvent(OpportunityEvents.DELETED, state(3, "prop", StageType.IN_PROGRESS, T0.plusSeconds(100), 1000, 40),
                        T0.plusSeconds(200).toEpochMilli(), null));
        assertEquals(Contribution.NONE, OpportunityTimeline.contributionAt(events, T0.toEpochMilli() - 1), "before its first event");
        Contribution at50 = OpportunityTimeline.contributionAt(events, T0.plusSeconds(50).toEpochMilli());
        assertEquals(List.of("qual"), at50.stages().stream().map(StageFact::stageKey).toList());
        assertEquals(Outcome.RETAINED, facts(at50).get("qual").outcome());
        assertEquals(Outcome.TRANSITIONED, facts(OpportunityTimeline.contributionAt(events, T0.plusSeconds(150).toEpochMilli()))
                .get("qual").outcome());
        assertEquals(Contribution.NONE, OpportunityTimeline.contributionAt(events, T0.plusSeconds(200).toEpochMilli()), "deleted by then");
    }

    @Test
    void arrivalOrderAndDuplicatesDoNotMatter() {
        List<LoggedEvent> events = new ArrayList<>(List.of(
                new LoggedEvent(OpportunityEvents.CREATED, state(1, "qual", StageType.IN_PROGRESS, T0, 1000, 10)),
                new LoggedEvent(OpportunityEvents.STAGE_CHANGED, state(2, "nego", StageType.IN_PROGRESS, T0.plusSeconds(50), 1000, 70)),
                new LoggedEvent(OpportunityEvents.STAGE_CHANGED, state(3, "won", StageType.WON, T0.plusSeconds(90), 1200, 100)),
                new LoggedEvent(OpportunityEvents.WON, state(3, "won", StageType.WON, T0.plusSeconds(90), 1200, 100))));
        Contribution expected = OpportunityTimeline.contribution(events);
        Collections.reverse(events);
        events.add(events.get(1));
        assertEquals(expected, OpportunityTimeline.contribution(events));
        assertEquals(90_000, expected.won().cycleMillis());
        assertEquals(0, new BigDecimal("1200").compareTo(expected.won().amount()));
        assertNull(expected.open());
        assertEquals(List.of("qual", "nego", "won"), expected.stages().stream().map(StageFact::stageKey).toList(),
                "a skipped stage is not entered");
    }

    @Test
    void openStayCountsFromEntryAndTheDealIsInTheWeightedPipeline() {
        Contribution c = OpportunityTimeline.contribution(List.of(
                new LoggedEvent(OpportunityEvents.CREATED, state(1, "qual", StageType.IN_PROGRESS, T0, 1000, 10)),
                new LoggedEvent(OpportunityEvents.UPDATED, state(2, "qual", StageType.IN_PROGRESS, T0, 2000, 25))));
        StageFact qual = c.stages().get(0);
        assertEquals(T0.toEpochMilli(), qual.openSinceMillis());
        assertEquals(Outcome.RETAINED, qual.outcome());
        assertEquals(0, new BigDecimal("500").compareTo(c.open().weightedAmount()));
        assertEquals("2026-03", c.open().closeMonth());
    }

    @Test
    void deletedOpportunityContributesNothing() {
        Contribution c = OpportunityTimeline.contribution(List.of(
                new LoggedEvent(OpportunityEvents.CREATED, state(1, "qual", StageType.IN_PROGRESS, T0, 1000, 10)),
                new LoggedEvent(OpportunityEvents.DELETED, state(2, "qual", StageType.IN_PROGRESS, T0, 1000, 10))));
        assertEquals(Contribution.NONE, c);
    }

    @Test
    void deltaOfAContributionAgainstItselfIsEmptyAndAgainstNothingIsTheWhole() {
        Contribution c = OpportunityTimeline.contribution(List.of(
                new LoggedEvent(OpportunityEvents.CREATED, state(1, "qual", StageType.IN_PROGRESS, T0, 1000, 10))));
        assertTrue(AggregateDelta.between(c, c).isEmpty());
        AggregateDelta whole = AggregateDelta.between(Contribution.NONE, c);
        assertEquals(1, whole.stages().get(0).total());
        assertEquals(3, whole.money().stream().filter(m -> m.measure().startsWith(AggregateDelta.MONEY_PIPELINE)).count(),
                "an open deal is in one weighted pipeline group per dimension");
    }

    @Test
    void deltasOfABatchAddUpToTheDeltaOfApplyingItWhole() {
        // a batch moves the aggregates once by the sum of its opportunities' deltas: that sum must equal the
        // step-by-step deltas, including stages entered and left within the batch and a win
        List<LoggedEvent> log = List.of(
                new LoggedEvent(OpportunityEvents.CREATED, state(1, "qual", StageType.IN_PROGRESS, T0, 1000, 10)),
                new LoggedEvent(OpportunityEvents.STAGE_CHANGED, state(2, "prop", StageType.IN_PROGRESS, T0.plusSeconds(100), 1000, 40)),
                new LoggedEvent(OpportunityEvents.STAGE_CHANGED, state(3, "qual", StageType.IN_PROGRESS, T0.plusSeconds(200), 2000, 10)),
                new LoggedEvent(OpportunityEvents.STAGE_CHANGED, state(4, "won", StageType.WON, T0.plusSeconds(900), 2000, 100)));
        Contribution before = Contribution.NONE;
        AggregateDelta stepByStep = AggregateDelta.NONE;
        for (int i = 1; i <= log.size(); i++) {
            Contribution after = OpportunityTimeline.contribution(log.subList(0, i));
            stepByStep = stepByStep.plus(AggregateDelta.between(before, after));
            before = after;
        }
        AggregateDelta whole = AggregateDelta.between(Contribution.NONE, before);
        assertEquals(sorted(whole), sorted(stepByStep));
        assertTrue(whole.plus(AggregateDelta.between(before, Contribution.NONE)).isEmpty(), "a delta and its reverse cancel out");
    }

    /** Deltas compare by value, whatever the order of their rows and the scale of their amounts. */
    static List<String> sorted(AggregateDelta d) {
        List<String> rows = new ArrayList<>();
        d.stages().forEach(s -> rows.add("stage " + s.salesProcessId() + "/" + s.stageKey() + " " + s.total() + " "
                + s.amount().stripTrailingZeros().toPlainString() + " " + s.closedMillis() + " " + s.openStays() + " "
                + s.openSinceSum() + " " + s.transitioned() + " " + s.retained() + " " + s.lost()));
        d.processes().forEach(p -> rows.add("process " + p.salesProcessId() + " " + p.wonCount() + " "
                + p.wonAmount().stripTrailingZeros().toPlainString() + " " + p.wonCycleMillis()));
        d.money().forEach(m -> rows.add("money " + m.salesProcessId() + "/" + m.measure() + "/" + m.groupKey() + "/" + m.currency() + "/"
                + m.rateDate() + " " + m.opportunities() + " " + m.amount().stripTrailingZeros().toPlainString() + " "
                + m.weightedAmount().stripTrailingZeros().toPlainString()));
        rows.sort(null);
        return rows;
    }

    @Test
    void durationsSplitIntoDaysHoursMinutesSeconds() {
        DurationView d = DurationView.ofSeconds(2 * 86_400 + 3 * 3_600 + 4 * 60 + 5);
        assertEquals("2d 3h 4m 5s", d.text());
        assertEquals(2, d.days());
        assertEquals(5, d.secondsPart());
    }

    /** Random histories of one deal: moves (forwards, backwards, into terminal stages), re-entries, amount updates. */
    static List<LoggedEvent> randomHistory(java.util.Random random) {
        String[] stages = {"qual", "prop", "nego", "won", "lost"};
        StageType[] types = {StageType.IN_PROGRESS, StageType.IN_PROGRESS, StageType.IN_PROGRESS, StageType.WON, StageType.LOST};
        List<LoggedEvent> events = new ArrayList<>();
        int stage = 0;
        Instant entered = T0;
        int amount = 1000;
        int count = 1 + random.nextInt(14);
        for (int v = 0; v < count; v++) {
            String type = v == 0 ? OpportunityEvents.CREATED : OpportunityEvents.STAGE_CHANGED;
            int kind = v == 0 ? -1 : random.nextInt(5);
            if (kind == 0) {
                type = OpportunityEvents.UPDATED;
                amount += 100 * random.nextInt(10);
            } else if (kind == 1) {
                entered = entered.plusSeconds(random.nextInt(500)); // the same stage entered again
            } else if (kind >= 2) {
                stage = random.nextInt(stages.length);
                // now and then a clock that went backwards: a stay never counts negative time
                entered = entered.plusSeconds(random.nextInt(5) == 0 ? -random.nextInt(100) : 1 + random.nextInt(1000));
            }
            events.add(new LoggedEvent(type, state(v, stages[stage], types[stage], entered, amount, 10 * (stage + 1))));
            if (types[stage] == StageType.WON && kind >= 2) {
                // a move to Won is told twice at one version: stage-changed and won
                events.add(new LoggedEvent(OpportunityEvents.WON, state(v, stages[stage], types[stage], entered, amount, 10 * (stage + 1))));
            }
        }
        return events;
    }

    @Test
    void aContributionExtendedByNewerStatesEqualsTheRecountOfAllOfThem() {
        java.util.Random random = new java.util.Random(20261202);
        for (int run = 0; run < 2_000; run++) {
            List<LoggedEvent> events = randomHistory(random);
            Contribution whole = OpportunityTimeline.contribution(events);
            for (int split = 1; split < events.size(); split++) {
                long counted = events.get(split - 1).state().version();
                if (events.get(split).state().version() == counted) {
                    continue; // a split inside one version: the rest is not newer, and extend says so (below)
                }
                Contribution prefix = OpportunityTimeline.contribution(events.subList(0, split));
                List<LoggedEvent> newer = new ArrayList<>(events.subList(split, events.size()));
                Collections.shuffle(newer, random); // one poll may hold them in any order
                assertEquals(whole, OpportunityTimeline.extend(prefix, newer).orElseThrow(),
                        "run " + run + ", split " + split + ": " + events);
            }
        }
    }

    @Test
    void onlyNewerStatesExtendAContributionAndADeletionEndsIt() {
        List<LoggedEvent> events = List.of(
                new LoggedEvent(OpportunityEvents.CREATED, state(0, "qual", StageType.IN_PROGRESS, T0, 1000, 10)),
                new LoggedEvent(OpportunityEvents.STAGE_CHANGED, state(1, "prop", StageType.IN_PROGRESS, T0.plusSeconds(60), 1000, 40)));
        Contribution counted = OpportunityTimeline.contribution(events);
        assertEquals(1L, counted.version());
        assertTrue(OpportunityTimeline.extend(counted, List.of(
                        new LoggedEvent(OpportunityEvents.STAGE_CHANGED, state(1, "nego", StageType.IN_PROGRESS, T0.plusSeconds(90), 1000, 60))))
                .isEmpty(), "a state at a version already counted is a late arrival: recount");
        assertTrue(OpportunityTimeline.extend(counted, List.of(
                        new LoggedEvent(OpportunityEvents.DELETED, state(1, "prop", StageType.IN_PROGRESS, T0.plusSeconds(60), 1000, 40))))
                .isEmpty(), "a deletion at the last version is recounted, and the recount drops the deal");
        assertEquals(Contribution.NONE, OpportunityTimeline.extend(counted, List.of(
                new LoggedEvent(OpportunityEvents.DELETED, state(2, "prop", StageType.IN_PROGRESS, T0.plusSeconds(60), 1000, 40)))).orElseThrow());
        Contribution storedBeforeVersionsWereKept = new Contribution(counted.salesProcessId(), counted.ownerId(), counted.departmentId(),
                counted.createdAtMillis(), counted.stages(), counted.won(), counted.open(), null, null);
        assertTrue(OpportunityTimeline.extend(storedBeforeVersionsWereKept, List.of(
                new LoggedEvent(OpportunityEvents.STAGE_CHANGED, state(2, "nego", StageType.IN_PROGRESS, T0.plusSeconds(90), 1000, 60)))).isEmpty());
        assertTrue(OpportunityTimeline.extend(null, events).isEmpty(), "no stored contribution: recount from the log");
    }
}
