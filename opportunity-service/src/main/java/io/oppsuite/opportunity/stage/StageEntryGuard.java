package io.oppsuite.opportunity.stage;

import com.fasterxml.jackson.databind.JsonNode;
import io.oppsuite.common.contracts.SalesProcessSnapshot;
import io.oppsuite.common.problem.Problems;
import io.oppsuite.opportunity.process.SalesProcesses;
import io.quarkiverse.resteasy.problem.HttpProblem;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Every write that puts a deal in a stage or changes a deal in one (create, import row, lead
 * conversion, PATCH, line items, owner change, claim) asks here whether the deal, as it will be
 * written, meets its stage's entry conditions; {@link StageTransitionPolicy} decides, the same
 * evaluator that decides moves and stage-readiness. Unmet: 422 {@code stage-conditions-unmet}
 * listing every unmet rule, nothing written.
 */
@ApplicationScoped
public class StageEntryGuard {

    private final StageTransitionPolicy policy = new StageTransitionPolicy();

    @Inject
    SalesProcesses processes;

    /** With the process at hand (create). */
    public void require(SalesProcessSnapshot process, String stageKey, JsonNode subject) {
        List<StageTransitionPolicy.RuleCheck> unmet = StageTransitionPolicy.unmet(policy.stay(process, stageKey, subject));
        if (!unmet.isEmpty()) {
            throw refused(stageKey, unmet);
        }
    }

    /**
     * For a deal already in {@code stageKey} of {@code processId}; {@code subject} is built only when
     * the stage has conditions. A process gone from the cache sets no conditions here (its deals
     * stay editable; moves answer for the process themselves).
     */
    public Uni<Void> require(String tenantId, String processId, String stageKey, Supplier<Uni<JsonNode>> subject) {
        return processes.require(tenantId, processId)
                .onFailure(e -> e instanceof HttpProblem p && p.getStatusCode() == 422).recoverWithNull()
                .chain(process -> process == null || !policy.stayNeedsFacts(process, stageKey) ? Uni.createFrom().voidItem()
                        : subject.get().invoke(json -> require(process, stageKey, json)).replaceWithVoid());
    }

    public static HttpProblem refused(String stageKey, List<StageTransitionPolicy.RuleCheck> unmet) {
        return Problems.unprocessable("stage-conditions-unmet", "Stage conditions not met",
                unmet.size() + " rule(s) of stage '" + stageKey + "' not met: "
                        + unmet.stream().map(StageTransitionPolicy.RuleCheck::detail).collect(Collectors.joining("; ")),
                Map.of("stageKey", stageKey, "unmetRules", unmet));
    }
}
