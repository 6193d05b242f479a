package io.oppsuite.analytics.transition;

import io.oppsuite.analytics.money.TenantRates;
import io.oppsuite.analytics.process.SalesProcesses;
import io.oppsuite.common.contracts.SalesProcessSnapshot;
import io.oppsuite.common.problem.Problems;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The stage transition report and the stage counts of a process: the process's stages and the catalogue's labels,
 * the caller's sums (now from the aggregates, as of a past instant from the event log) and the exchange rates. A
 * process neither known nor holding any deal the caller sees is a 404.
 */
@ApplicationScoped
public class StageTransitionReports {

    /** A stage and the deals standing in it now. */
    public record StageCount(String key, String label, long count) {
    }

    @Inject
    SalesProcesses processes;

    @Inject
    StageTransitionQueries queries;

    @Inject
    TenantRates rates;

    /** {@code asOf}: null for now (the aggregates), else a past instant (recounted from the log up to it). */
    public Uni<StageTransitionReport> report(String tenant, String processId, AnalyticsFilter filter, Instant asOf) {
        Instant reportedAt = asOf == null ? Instant.now() : asOf;
        Uni<ReportInputs> inputs = asOf == null ? queries.now(tenant, processId, filter)
                : queries.asOf(tenant, processId, filter, asOf.toEpochMilli());
        return processes.find(tenant, processId).chain(process -> processes.catalogueLabels(tenant).chain(labels -> rates.of(tenant)
                .chain(exchangeRates -> inputs.map(sums -> {
                    if (process == null && sums.stages().isEmpty()) {
                        throw Problems.notFound("sales process", processId);
                    }
                    return StageTransitionReport.of(processId, process == null ? null : process.name(),
                            process == null ? List.<SalesProcessSnapshot.Stage>of() : process.stages(), labels, sums, reportedAt,
                            exchangeRates);
                }))));
    }

    /** The deals standing in each stage now, in process order (stages no longer in the process after it). */
    public Uni<List<StageCount>> stageCounts(String tenant, String processId, AnalyticsFilter filter) {
        return processes.find(tenant, processId).chain(process -> processes.catalogueLabels(tenant)
                .chain(labels -> queries.stageTotals(tenant, processId, filter).map(totals -> {
                    if (process == null && totals.isEmpty()) {
                        throw Problems.notFound("sales process", processId);
                    }
                    Map<String, Long> standing = new HashMap<>();
                    totals.forEach(t -> standing.put(t.stageKey(), t.retained()));
                    StageTransitionReport report = StageTransitionReport.of(processId, null,
                            process == null ? List.of() : process.stages(), labels, new ReportInputs(totals,
                                    StageTransitionReport.WonTotals.NONE, List.of()), Instant.now());
                    return report.stages().stream().map(s -> new StageCount(s.key(), s.label(), standing.getOrDefault(s.key(), 0L))).toList();
                })));
    }
}
