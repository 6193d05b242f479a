package io.oppsuite.analytics.transition;

import io.oppsuite.common.contracts.SalesProcessSnapshot.Stage;
import io.oppsuite.common.contracts.StageType;
import io.oppsuite.common.tenancy.Caller;
import io.oppsuite.common.tenancy.Roles;
import io.quarkiverse.resteasy.problem.HttpProblem;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The per-stage formulas of the stage transition analysis (module README), from precomputed sums to served numbers. */
class StageTransitionReportTest {

    static final Instant AS_OF = Instant.parse("2026-06-01T00:00:00Z");
    static final List<Stage> STAGES = List.of(
            new Stage("qual", "Qualification", StageType.IN_PROGRESS, 10, null, List.of()),
            new Stage("prop", "Proposal", StageType.IN_PROGRESS, 40, null, List.of()),
            new Stage("won", "Won", StageType.WON, 100, null, List.of()),
            new Stage("lost", "Lost", StageType.LOST, 0, null, List.of()));

    static StageTotals totals(String key, long total, String amount, long closedMillis, long openStays, long openSinceSum,
                              long transitioned, long retained, long lost) {
        return new StageTotals(key, total, new BigDecimal(amount), BigDecimal.valueOf(closedMillis), openStays,
                BigDecimal.valueOf(openSinceSum), transitioned, retained, lost);
    }

    @Test
    void everyStageMetricFollowsTheFormulas() {
        long asOf = AS_OF.toEpochMilli();
        List<StageTotals> totals = List.of(
                // 3 deals: 10 s of finished stays, one stay open for 5 s at asOf → (10 + 5) / 3 = 5 s
                totals("qual", 3, "300.50", 10_000, 1, asOf - 5_000, 1, 1, 1),
                totals("prop", 2, "800", 7_000, 0, 0, 1, 0, 1),
                totals("won", 1, "1000", 0, 1, asOf - 86_400_000L - 3_661_000L, 0, 1, 0));
        StageTransitionReport report = StageTransitionReport.of("p1", "Standard", STAGES, new ReportInputs(totals,
                new StageTransitionReport.WonTotals(2, new BigDecimal("3000.01"), BigDecimal.valueOf(2 * 90_000_000L + 1_000)),
                List.of(new LossReasonCount("qual", "budget", 1), new LossReasonCount("prop", null, 1))), AS_OF);

        assertEquals(List.of("qual", "prop", "won", "lost"), report.stages().stream().map(StageTransitionReport.StageMetrics::key).toList());
        var qual = report.stages().get(0);
        assertEquals(3, qual.totalOpportunities());
        assertEquals(new BigDecimal("300.50"), qual.totalAmount());
        assertEquals(5, qual.averageTimeInStage().seconds());
        assertEquals(new BigDecimal("33.33"), qual.lossRate(), "lost / total × 100, two decimals");
        assertEquals(new BigDecimal("100.00"), qual.conversionRate(), "the first stage against itself");

        var prop = report.stages().get(1);
        assertEquals(3, prop.averageTimeInStage().seconds(), "7 s / 2 deals, floored");
        assertEquals(new BigDecimal("50.00"), prop.lossRate());
        assertEquals(new BigDecimal("66.67"), prop.conversionRate(), "2 of the 3 that entered the first stage");

        assertEquals(new BigDecimal("800.00"), prop.totalAmount(), "every amount has two decimals");
        assertEquals(List.of(new StageTransitionReport.LossReason("budget", 1)), qual.lossReasons());
        assertEquals(List.of(new StageTransitionReport.LossReason(null, 1)), prop.lossReasons(), "no reason given");

        var won = report.stages().get(2);
        assertTrue(won.outcome());
        assertEquals(1, won.totalOpportunities());
        assertEquals(new BigDecimal("1000.00"), won.totalAmount());
        assertNull(won.averageTimeInStage(), "an outcome has no time in stage, however long the deal stands in it");
        assertNull(won.retained(), "an outcome has no retained split");
        assertNull(won.transitioned());
        assertNull(won.lost());
        assertNull(won.lossRate());
        assertNull(won.lossReasons());
        assertEquals(new BigDecimal("33.33"), won.conversionRate());

        var lost = report.stages().get(3);
        assertEquals(0, lost.totalOpportunities());
        assertNull(lost.lossRate(), "no base, no rate");
        assertEquals(new BigDecimal("0.00"), lost.conversionRate());

        assertEquals("prop", report.highestLossRateStage().key(), "50% beats 33.33%");
        assertEquals("qual", report.longestAverageTimeStage().key(), "5 s beats 3 s; Won's long stand is not a stage to fix");

        assertEquals(2, report.wonCount());
        assertEquals(new BigDecimal("1500.01"), report.averageDealSize(), "3000.01 / 2, half up");
        assertEquals(90_000, report.salesCycle().seconds(), "average of (won at − created at), floored to the second");
    }

    @Test
    void stagesSeenInEventsButNotInTheProcessFollowItsStagesAndNothingWonMeansNoCycle() {
        StageTransitionReport report = StageTransitionReport.of("p1", null, STAGES, new ReportInputs(
                List.of(totals("retired", 1, "5", 1_000, 0, 0, 1, 0, 0), totals("qual", 2, "1", 0, 0, 0, 2, 0, 0)),
                StageTransitionReport.WonTotals.NONE, List.of()), AS_OF);
        assertEquals(List.of("qual", "prop", "won", "lost", "retired"),
                report.stages().stream().map(StageTransitionReport.StageMetrics::key).toList());
        assertEquals(new BigDecimal("50.00"), report.stages().get(4).conversionRate());
        assertNull(report.salesCycle());
        assertNull(report.averageDealSize());
        assertEquals(0, report.wonCount());
        assertNull(report.stages().get(1).averageTimeInStage(), "an empty stage has no average, not 0 s");
        assertNull(report.highestLossRateStage(), "nothing was lost");
    }

    @Test
    void aStageNoLongerInTheProcessIsReportedUnderItsCatalogueLabel() {
        ReportInputs inputs = new ReportInputs(List.of(totals("retired", 1, "5", 1_000, 0, 0, 1, 0, 0)),
                StageTransitionReport.WonTotals.NONE, List.of());
        StageTransitionReport.StageMetrics retired = StageTransitionReport.of("p1", null, STAGES, Map.of("retired", "Retired stage"),
                inputs, AS_OF).stages().get(4);
        assertEquals("retired", retired.key());
        assertEquals("Retired stage", retired.label());
        assertNull(retired.type(), "no longer a stage of the process");
        assertEquals("retired", StageTransitionReport.of("p1", null, STAGES, inputs, AS_OF).stages().get(4).label(),
                "a stage the catalogue does not know is named by its key");
    }

    @Test
    void anOpenStayEnteredAfterAsOfNeverMakesANegativeDuration() {
        long asOf = AS_OF.toEpochMilli();
        StageTransitionReport report = StageTransitionReport.of("p1", null, STAGES, new ReportInputs(
                List.of(totals("qual", 1, "1", 0, 1, asOf + 43_000, 0, 1, 0)), StageTransitionReport.WonTotals.NONE, List.of()), AS_OF);
        assertEquals(0, report.stages().get(0).averageTimeInStage().seconds());
    }

    @Test
    void filtersAreParsedAndScopedToWhatTheCallerMaySee() {
        Caller admin = new Caller("t", "boss", null, Set.of(Roles.ADMIN));
        AnalyticsFilter f = AnalyticsRequests.filter(admin, "2026-01-10", "2026-01-20", "entered", "rep-1", null);
        assertEquals(Instant.parse("2026-01-10T00:00:00Z").toEpochMilli(), f.fromMillis());
        assertEquals(Instant.parse("2026-01-21T00:00:00Z").toEpochMilli(), f.toMillis(), "a date as upper bound includes that day");
        assertEquals(AnalyticsFilter.DateField.ENTERED, f.dateField());
        assertEquals("rep-1", f.ownerId());
        assertEquals(true, AnalyticsRequests.filter(admin, null, null, null, null, null).isEmpty());

        assertEquals(null, AnalyticsRequests.filter(admin, null, null, null, null, null, "rep-9").scope());
        assertEquals("rep-9", AnalyticsRequests.filter(admin, null, null, null, null, null, "rep-9").teamMemberId());
        assertEquals(false, AnalyticsRequests.filter(admin, null, null, null, null, null, "rep-9").isEmpty(), "a team filter: no aggregates");

        // a manager: their department or their teams; a rep: their own deals or their teams
        Caller manager = new Caller("t", "mgr", "dep-east", Set.of(Roles.MANAGER));
        assertEquals(new AnalyticsFilter.Scope(null, "dep-east", "mgr"), AnalyticsRequests.filter(manager, null, null, null, null, null).scope());
        Caller rep = new Caller("t", "rep-4", "dep-west", Set.of(Roles.SALES));
        AnalyticsFilter own = AnalyticsRequests.filter(rep, null, null, null, null, null);
        assertEquals(new AnalyticsFilter.Scope("rep-4", null, "rep-4"), own.scope());
        assertEquals(null, own.ownerId());

        // naming another owner or department narrows within the scope (the deals of theirs on the caller's teams)
        AnalyticsFilter colleagues = AnalyticsRequests.filter(rep, null, null, null, "rep-1", null);
        assertEquals("rep-1", colleagues.ownerId());
        assertEquals(new AnalyticsFilter.Scope("rep-4", null, "rep-4"), colleagues.scope());
        assertEquals("dep-west", AnalyticsRequests.filter(manager, null, null, null, null, "dep-west").departmentId());
        // a rep names only themselves as team member; a manager anyone (within their scope)
        assertEquals("rep-4", AnalyticsRequests.filter(rep, null, null, null, null, null, "rep-4").teamMemberId());
        assertEquals(403, status(() -> AnalyticsRequests.filter(rep, null, null, null, null, null, "rep-1")));
        assertEquals("rep-1", AnalyticsRequests.filter(manager, null, null, null, null, null, "rep-1").teamMemberId());

        // the same scope in SQL and in memory (a report as of a past instant)
        List<Object> params = new java.util.ArrayList<>(List.of("t"));
        assertEquals(" and (owner_id = ?2 or opportunity_id in (select stm.opportunity_id from sales_team_member stm "
                + "where stm.tenant_id = ?1 and stm.employee_id = ?3)) and owner_id = ?4", colleagues.sql(params));
        assertEquals(List.of("t", "rep-4", "rep-4", "rep-1"), params);
        AnalyticsFilter.TeamDeals teams = new AnalyticsFilter.TeamDeals(Set.of("o-team"), Set.of());
        assertEquals(true, own.admits("o-own", "rep-4", "dep-west", teams));
        assertEquals(true, own.admits("o-team", "rep-1", "dep-east", teams));
        assertEquals(false, own.admits("o-other", "rep-1", "dep-west", teams));
        assertEquals(true, colleagues.admits("o-team", "rep-1", "dep-east", teams));
        assertEquals(false, colleagues.admits("o-own", "rep-4", "dep-west", teams));
        assertEquals(400, status(() -> AnalyticsRequests.filter(admin, "yesterday", null, null, null, null)));
        assertEquals(400, status(() -> AnalyticsRequests.filter(admin, "2026-02-01", "2026-01-01", null, null, null)));
        assertEquals(400, status(() -> AnalyticsRequests.filter(admin, null, null, "closed", null, null)));
    }

    static int status(Runnable call) {
        return assertThrows(HttpProblem.class, call::run).getStatusCode();
    }
}
