package io.oppsuite.opportunity.stage;

import com.fasterxml.jackson.databind.JsonNode;
import io.oppsuite.common.contracts.SalesProcessSnapshot;
import io.oppsuite.common.problem.Problems;
import io.oppsuite.common.tenancy.Caller;
import io.oppsuite.opportunity.directory.Directory;
import io.oppsuite.opportunity.process.SalesProcesses;
import io.quarkiverse.resteasy.problem.HttpProblem;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Every write that puts a deal in a stage or changes a deal in one (create, import row, lead
 * conversion, PATCH, line items, owner change, claim) asks here whether the deal, as it will be
 * written, meets its stage's entry conditions; {@link StageTransitionPolicy} decides, the same
 * evaluator that decides moves and stage-readiness. Unmet: 422 {@code stage-conditions-unmet}
 * listing every unmet rule, nothing written. It also keeps a stage's transition owners
 * ({@link #requireTransitionOwner}) on every path that puts a deal in the stage.
 */
@ApplicationScoped
public class StageEntryGuard {

    private final StageTransitionPolicy policy = new StageTransitionPolicy();

    @Inject
    SalesProcesses processes;

    @Inject
    Directory directory;

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

    /** The caller's roles and their user groups in the directory: whom transition owners name. */
    public Uni<StageTransitionPolicy.Actor> actor(Caller caller) {
        return directory.member(caller.tenantId(), caller.employeeId())
                .map(member -> new StageTransitionPolicy.Actor(caller.roles(), member.userGroups()));
    }

    /**
     * A deal enters a stage with transition owners only by their hand: a move, a reopen, or a
     * create (REST, import row, lead conversion) into a first stage that names owners. Anyone else
     * is refused with 403 naming the rule, before any other rule is looked at. An approved move is
     * not asked again: its requester was asked when the approval was requested.
     */
    public Uni<Void> requireTransitionOwner(Caller caller, SalesProcessSnapshot process, String toStage) {
        Optional<SalesProcessSnapshot.Stage> target = process.stage(toStage);
        if (target.isEmpty() || target.get().settingsOrDefault().transitionOwners() == null) {
            return Uni.createFrom().voidItem();
        }
        return actor(caller).invoke(actor -> StageTransitionPolicy.transitionOwner(target.get(), actor).filter(r -> !r.holds())
                .ifPresent(rule -> {
                    throw Problems.status(403, "transition-not-permitted", "Transition not permitted", rule.detail(),
                            Map.of("unmetRules", List.of(rule)));
                })).replaceWithVoid();
    }

    public static HttpProblem refused(String stageKey, List<StageTransitionPolicy.RuleCheck> unmet) {
        return Problems.unprocessable("stage-conditions-unmet", "Stage conditions not met",
                unmet.size() + " rule(s) of stage '" + stageKey + "' not met: "
                        + unmet.stream().map(StageTransitionPolicy.RuleCheck::detail).collect(Collectors.joining("; ")),
                Map.of("stageKey", stageKey, "unmetRules", unmet));
    }
}
