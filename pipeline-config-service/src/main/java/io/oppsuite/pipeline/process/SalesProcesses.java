package io.oppsuite.pipeline.process;

import io.oppsuite.common.contracts.SalesProcessSnapshot;
import io.oppsuite.common.idempotency.IdempotentRequests;
import io.oppsuite.common.problem.Problems;
import io.oppsuite.common.tenancy.Caller;
import io.oppsuite.pipeline.setup.TenantSetup;
import io.oppsuite.common.web.Page;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.LongPredicate;
import java.util.function.UnaryOperator;

/**
 * Sales processes, one transaction per request: a read first seeds a new tenant (which writes),
 * a write first takes the tenant's configuration lock ({@link TenantSetup}); then
 * {@link SalesProcessService} does the work in that transaction.
 */
@ApplicationScoped
public class SalesProcesses {

    @Inject
    SalesProcessService processes;

    @Inject
    TenantSetup setup;

    @Inject
    IdempotentRequests idempotency;

    @WithTransaction
    public Uni<Page<SalesProcessSnapshot>> list(Caller caller, boolean onlyDefault, int page, int size) {
        return setup.ensureSeeded(caller).chain(() -> processes.list(caller, onlyDefault, page, size));
    }

    /** The process, or null when {@code unchanged} says the reader already has its version. */
    @WithTransaction
    public Uni<SalesProcessSnapshot> getIfChanged(Caller caller, UUID id, LongPredicate unchanged) {
        return setup.ensureSeeded(caller).chain(() -> processes.getIfChanged(caller, id, unchanged));
    }

    /** The process that has stage {@code key} (404 when it has not). */
    @WithTransaction
    public Uni<SalesProcessSnapshot> withStage(Caller caller, UUID id, String key) {
        return setup.ensureSeeded(caller).chain(() -> processes.get(caller, id)).invoke(process -> {
            if (process.stage(key).isEmpty()) {
                throw Problems.notFound("Stage of process " + id, key);
            }
        });
    }

    /** An Idempotency-Key replays the first answer, so the caller says how a created process is answered. */
    @WithTransaction
    public Uni<Response> create(Caller caller, SalesProcessInput input, String idempotencyKey, Function<SalesProcessSnapshot, Response> answer) {
        return setup.forWrite(caller).chain(() -> idempotency.once(caller, idempotencyKey, input,
                () -> processes.create(caller, input).map(answer)));
    }

    @WithTransaction
    public Uni<SalesProcessSnapshot> replace(Caller caller, UUID id, Long expected, SalesProcessInput input) {
        return setup.forWrite(caller).chain(() -> processes.replace(caller, id, expected, input));
    }

    @WithTransaction
    public Uni<SalesProcessSnapshot> reorder(Caller caller, UUID id, Long expected, List<String> keys) {
        return setup.forWrite(caller).chain(() -> processes.reorder(caller, id, expected, keys));
    }

    @WithTransaction
    public Uni<SalesProcessSnapshot> changeStage(Caller caller, UUID id, String key, Long expected, UnaryOperator<ProcessStage> change) {
        return setup.forWrite(caller).chain(() -> processes.changeStage(caller, id, key, expected, change));
    }

    @WithTransaction
    public Uni<Void> delete(Caller caller, UUID id, Long expected) {
        return setup.forWrite(caller).chain(() -> processes.delete(caller, id, expected));
    }
}
