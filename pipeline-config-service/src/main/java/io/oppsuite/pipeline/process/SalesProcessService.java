package io.oppsuite.pipeline.process;

import io.oppsuite.common.problem.PersistenceProblemMappers;
import io.oppsuite.common.contracts.SalesProcessSnapshot;
import io.oppsuite.common.contracts.StageType;
import io.oppsuite.common.problem.Problems;
import io.oppsuite.common.tenancy.Caller;
import io.oppsuite.common.web.Preconditions;
import io.oppsuite.pipeline.stage.StageDefinition;
import io.oppsuite.pipeline.stage.StageProcesses;
import io.oppsuite.pipeline.usage.StageUsage;
import io.oppsuite.common.web.Page;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/** Sales processes of a tenant: every write validated, versioned and published. Callers own the transaction. */
@ApplicationScoped
public class SalesProcessService implements StageProcesses {

    @Inject
    ConfigPublisher publisher;

    @Inject
    StageUsage usage;

    /** {@code onlyDefault}: just the tenant's default process (the one it was seeded with), if it still exists. */
    public Uni<Page<SalesProcessSnapshot>> list(Caller caller, boolean onlyDefault, int page, int size) {
        Page.check(page, size);
        String where = onlyDefault ? "tenantId = ?1 and isDefault = true" : "tenantId = ?1";
        return SalesProcess.find(where + " order by createdAt, id", caller.tenantId()).page(page, size).list()
                .chain(processes -> SalesProcess.count(where, caller.tenantId())
                        .chain(total -> catalogue(caller.tenantId()).map(catalogue -> Page.of(
                                processes.stream().map(p -> publisher.snapshot((SalesProcess) p, catalogue)).toList(),
                                page, size, total))));
    }

    public Uni<SalesProcessSnapshot> get(Caller caller, UUID id) {
        return load(caller, id).chain(process -> catalogue(caller.tenantId()).map(c -> publisher.snapshot(process, c)));
    }

    /** The process, or null when {@code unchanged} says the reader already has its version (read before the catalogue). */
    public Uni<SalesProcessSnapshot> getIfChanged(Caller caller, UUID id, java.util.function.LongPredicate unchanged) {
        return load(caller, id).chain(process -> unchanged.test(process.version) ? Uni.createFrom().nullItem()
                : catalogue(caller.tenantId()).map(c -> publisher.snapshot(process, c)));
    }

    public Uni<SalesProcessSnapshot> create(Caller caller, SalesProcessInput input) {
        return create(caller, input.name(), input.toStages());
    }

    public Uni<SalesProcessSnapshot> create(Caller caller, String name, List<ProcessStage> stages) {
        return create(caller, name, stages, false);
    }

    /** {@code asDefault}: the process a tenant is seeded with, which clients find with {@code ?default=true}. */
    public Uni<SalesProcessSnapshot> create(Caller caller, String name, List<ProcessStage> stages, boolean asDefault) {
        SalesProcess process = new SalesProcess();
        process.id = UUID.randomUUID();
        process.tenantId = caller.tenantId();
        process.createdAt = Instant.now();
        process.isDefault = asDefault;
        return save(process, name, stages, true);
    }

    public Uni<SalesProcessSnapshot> replace(Caller caller, UUID id, Long expectedVersion, SalesProcessInput input) {
        return load(caller, id, expectedVersion).chain(process -> save(process, input.name(), input.toStages(), false));
    }

    public Uni<SalesProcessSnapshot> reorder(Caller caller, UUID id, Long expectedVersion, List<String> keys) {
        return load(caller, id, expectedVersion).chain(process -> {
            List<ProcessStage> current = publisher.stagesOf(process);
            Map<String, ProcessStage> byKey = current.stream().collect(Collectors.toMap(ProcessStage::key, s -> s, (a, b) -> a));
            if (keys.size() != current.size() || !new HashSet<>(keys).equals(byKey.keySet())) {
                throw Problems.unprocessable("reorder-keys-mismatch", "Reorder must name every stage once",
                        "a reorder lists exactly the process's stages " + byKey.keySet() + ", in the new order; add or remove stages with PUT",
                        Map.of("rule", "reorder-keys-mismatch", "stageKeys", byKey.keySet()));
            }
            return save(process, process.name, keys.stream().map(byKey::get).toList(), false);
        });
    }

    /** Changes one stage's settings or tasks; answers the whole process (its new version is the ETag). */
    public Uni<SalesProcessSnapshot> changeStage(Caller caller, UUID id, String key, Long expectedVersion, UnaryOperator<ProcessStage> change) {
        return load(caller, id, expectedVersion).chain(process -> {
            List<ProcessStage> stages = new ArrayList<>(publisher.stagesOf(process));
            int index = indexOf(stages, key);
            if (index < 0) {
                throw Problems.notFound("Stage of process " + id, key);
            }
            stages.set(index, change.apply(stages.get(index)));
            return save(process, process.name, stages, false);
        });
    }

    public Uni<Void> delete(Caller caller, UUID id, Long expectedVersion) {
        return load(caller, id, expectedVersion).chain(process -> usage.openPerStage(caller.tenantId(), id.toString())
                .chain(open -> {
                    long total = open.values().stream().mapToLong(Long::longValue).sum();
                    if (total > 0) {
                        throw Problems.conflict("stage-has-open-opportunities", "Open opportunities in the process",
                                total + " open opportunities are in this process; move or close them first",
                                Map.of("openOpportunities", total, "stages", open));
                    }
                    return process.delete().chain(() -> Panache.getSession().chain(s -> s.flush()))
                            .chain(() -> publisher.processDeleted(process));
                }))
                .onFailure(PersistenceProblemMappers::lostUpdate).transform(SalesProcessService::raceProblem);
    }

    /** Re-validates and republishes every process that uses a changed catalogue stage (bumping its version). */
    @Override
    public Uni<Void> catalogueStageChanged(StageDefinition changed) {
        return SalesProcess.allInTenant(changed.tenantId).chain(processes -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (SalesProcess process : processes) {
                List<ProcessStage> stages = publisher.stagesOf(process);
                if (indexOf(stages, changed.stageKey) >= 0) {
                    chain = chain.chain(() -> save(process, process.name, stages, false).replaceWithVoid());
                }
            }
            return chain;
        });
    }

    /** Names of processes that contain the catalogue stage. */
    @Override
    public Uni<List<String>> processesUsing(String tenantId, String stageKey) {
        return SalesProcess.allInTenant(tenantId).map(processes -> processes.stream()
                .filter(p -> indexOf(publisher.stagesOf(p), stageKey) >= 0)
                .map(p -> p.name).toList());
    }

    public Uni<Map<String, StageDefinition>> catalogue(String tenantId) {
        return StageDefinition.allInTenant(tenantId).map(stages -> {
            Map<String, StageDefinition> byKey = new LinkedHashMap<>();
            stages.forEach(s -> byKey.put(s.stageKey, s));
            return byKey;
        });
    }

    private Uni<SalesProcess> load(Caller caller, UUID id) {
        return SalesProcess.findInTenant(caller.tenantId(), id)
                .onItem().ifNull().failWith(() -> Problems.notFound("Sales process", id));
    }

    private Uni<SalesProcess> load(Caller caller, UUID id, Long expectedVersion) {
        return load(caller, id).invoke(process -> Preconditions.requireVersion(id, expectedVersion, process.version));
    }

    private Uni<SalesProcessSnapshot> save(SalesProcess process, String name, List<ProcessStage> stages, boolean isNew) {
        String tenantId = process.tenantId;
        return catalogue(tenantId).chain(catalogue -> {
            Map<String, StageType> types = new LinkedHashMap<>();
            catalogue.forEach((key, definition) -> types.put(key, definition.type));
            List<SalesProcessRules.Violation> violations = SalesProcessRules.check(stages, types);
            if (!violations.isEmpty()) {
                throw rulesProblem(violations);
            }
            Set<String> removed = isNew ? new HashSet<>() : new HashSet<>(publisher.stagesOf(process).stream().map(ProcessStage::key).toList());
            stages.forEach(s -> removed.remove(s.key()));
            return openIn(tenantId, process.id, removed)
                    .chain(() -> SalesProcess.nameTaken(tenantId, name, process.id))
                    .chain(taken -> {
                        if (taken) {
                            throw Problems.conflict("sales-process-name-taken", "Name already used",
                                    "another sales process is already named '" + name + "'", Map.of("name", name));
                        }
                        process.name = name;
                        process.stagesJson = publisher.toJson(stages);
                        process.updatedAt = Instant.now();
                        // flush now: the published snapshot must carry the version the row got
                        return (isNew ? process.persist() : Uni.createFrom().item(process))
                                .chain(() -> Panache.getSession().chain(s -> s.flush()))
                                .chain(() -> publisher.processUpserted(process, catalogue));
                    });
        }).onFailure(PersistenceProblemMappers::lostUpdate).transform(SalesProcessService::raceProblem)
                // a concurrent save took the name between our check and our insert
                .onFailure(io.oppsuite.common.problem.PersistenceProblemMappers::isUniqueViolation).transform(failure -> Problems.conflict("sales-process-name-taken",
                        "Name already used", "another sales process is already named '" + name + "'", Map.of("name", name)));
    }

    /** Taking a stage out of a process while open opportunities sit in it would strand them: 409 with the count. */
    private Uni<Void> openIn(String tenantId, UUID processId, Set<String> removedKeys) {
        if (removedKeys.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return usage.openPerStage(tenantId, processId.toString()).invoke(open -> {
            Map<String, Long> stranded = new LinkedHashMap<>();
            removedKeys.forEach(key -> {
                long n = open.getOrDefault(key, 0L);
                if (n > 0) {
                    stranded.put(key, n);
                }
            });
            if (!stranded.isEmpty()) {
                long total = stranded.values().stream().mapToLong(Long::longValue).sum();
                throw Problems.conflict("stage-has-open-opportunities", "Open opportunities in a removed stage",
                        total + " open opportunities sit in stage(s) " + stranded.keySet() + "; move or close them first",
                        Map.of("openOpportunities", total, "stages", stranded));
            }
        }).replaceWithVoid();
    }

    static RuntimeException rulesProblem(List<SalesProcessRules.Violation> violations) {
        List<Map<String, String>> listed = violations.stream().map(v -> {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("rule", v.rule());
            if (v.stageKey() != null) {
                m.put("stageKey", v.stageKey());
            }
            m.put("message", v.message());
            return m;
        }).toList();
        List<String> rules = violations.stream().map(SalesProcessRules.Violation::rule).distinct().toList();
        return Problems.unprocessable("sales-process-invalid", "Sales process rules violated",
                violations.stream().map(SalesProcessRules.Violation::message).collect(Collectors.joining("; ")),
                Map.of("rule", rules.get(0), "rules", rules, "violations", listed));
    }

    static int indexOf(List<ProcessStage> stages, String key) {
        for (int i = 0; i < stages.size(); i++) {
            if (stages.get(i).key().equals(key)) {
                return i;
            }
        }
        return -1;
    }

    /** Another request changed the process after this one read it: a stale version, as a stale If-Match is (412). */
    static Throwable raceProblem(Throwable failure) {
        return PersistenceProblemMappers.lostUpdateProblem();
    }
}
