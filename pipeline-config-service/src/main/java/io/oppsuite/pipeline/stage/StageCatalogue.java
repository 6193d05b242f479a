package io.oppsuite.pipeline.stage;

import io.oppsuite.common.problem.Problems;
import io.oppsuite.common.tenancy.Caller;
import io.oppsuite.common.web.Preconditions;
import io.oppsuite.pipeline.usage.StageUsage;
import io.oppsuite.common.web.Page;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** The tenant's stage catalogue. Callers own the transaction. */
@ApplicationScoped
public class StageCatalogue {

    @Inject
    StageEvents publisher;

    @Inject
    StageProcesses processes;

    @Inject
    StageUsage usage;

    public Uni<Page<StageView>> list(Caller caller, int page, int size) {
        Page.check(page, size);
        return StageDefinition.find("tenantId = ?1 order by createdAt, stageKey", caller.tenantId()).page(page, size).list()
                .chain(stages -> StageDefinition.count("tenantId", caller.tenantId())
                        .map(total -> Page.of(stages.stream().map(s -> StageView.of((StageDefinition) s)).toList(), page, size, total)));
    }

    public Uni<StageDefinition> get(Caller caller, UUID id) {
        return StageDefinition.findInTenant(caller.tenantId(), id).onItem().ifNull().failWith(() -> Problems.notFound("Stage", id));
    }

    /** How much a stage is used: opportunities that are or have been in it, and processes that contain it. */
    public Uni<StageUsageView> usage(Caller caller, UUID id) {
        return get(caller, id).chain(stage -> usage.opportunitiesUsing(caller.tenantId(), stage.stageKey)
                .chain(used -> processes.processesUsing(caller.tenantId(), stage.stageKey)
                        .map(names -> new StageUsageView(stage.id.toString(), stage.stageKey, used, names))));
    }

    public Uni<StageDefinition> create(String tenantId, StageInput input) {
        return StageDefinition.findByKey(tenantId, input.key()).chain(existing -> {
            if (existing != null) {
                throw Problems.conflict("stage-key-taken", "Stage key already used",
                        "the catalogue already has a stage '" + input.key() + "'", Map.of("key", input.key(), "id", existing.id.toString()));
            }
            StageDefinition stage = new StageDefinition();
            stage.id = UUID.randomUUID();
            stage.tenantId = tenantId;
            stage.stageKey = input.key();
            stage.label = input.label();
            stage.type = input.type();
            stage.defaultWinRate = input.defaultWinRate();
            stage.createdAt = Instant.now();
            stage.updatedAt = stage.createdAt;
            return stage.persistAndFlush().chain(() -> publisher.stageUpserted(stage)).replaceWith(stage);
        }).onFailure(io.oppsuite.common.problem.PersistenceProblemMappers::isUniqueViolation).transform(failure -> Problems.conflict("stage-key-taken",
                "Stage key already used", "the catalogue already has a stage '" + input.key() + "'", Map.of("key", input.key())));
    }

    /** Label, type and win rate may change; processes using the stage are re-validated and republished. */
    public Uni<StageDefinition> update(Caller caller, UUID id, Long expectedVersion, StageInput input) {
        return get(caller, id).chain(stage -> {
            Preconditions.requireVersion(id, expectedVersion, stage.version);
            if (!stage.stageKey.equals(input.key())) {
                throw Problems.unprocessable("stage-key-immutable", "A stage key cannot change",
                        "opportunities and processes refer to '" + stage.stageKey + "'; create a new stage instead",
                        Map.of("rule", "stage-key-immutable", "key", stage.stageKey));
            }
            boolean changed = !stage.label.equals(input.label()) || stage.type != input.type()
                    || !Objects.equals(stage.defaultWinRate, input.defaultWinRate());
            stage.label = input.label();
            stage.type = input.type();
            stage.defaultWinRate = input.defaultWinRate();
            stage.updatedAt = Instant.now();
            return Panache.getSession().chain(s -> s.flush())
                    .chain(() -> publisher.stageUpserted(stage))
                    .chain(() -> changed ? processes.catalogueStageChanged(stage) : Uni.createFrom().voidItem())
                    .replaceWith(stage);
        });
    }

    /** A stage that opportunities have used, or that a process contains, stays (409). */
    public Uni<Void> delete(Caller caller, UUID id, Long expectedVersion) {
        return get(caller, id).chain(stage -> {
            Preconditions.requireVersion(id, expectedVersion, stage.version);
            return usage.opportunitiesUsing(caller.tenantId(), stage.stageKey).chain(used -> {
                if (used > 0) {
                    throw Problems.conflict("stage-in-use", "Stage in use",
                            used + " opportunities use stage '" + stage.stageKey + "'", Map.of("key", stage.stageKey, "opportunities", used));
                }
                return processes.processesUsing(caller.tenantId(), stage.stageKey);
            }).chain(names -> {
                if (!names.isEmpty()) {
                    throw Problems.conflict("stage-in-process", "Stage in a sales process",
                            "stage '" + stage.stageKey + "' is part of " + names + "; remove it from them first",
                            Map.of("key", stage.stageKey, "processes", names));
                }
                return stage.delete().chain(() -> Panache.getSession().chain(s -> s.flush()))
                        .chain(() -> publisher.stageDeleted(stage));
            });
        });
    }
}
