package io.oppsuite.pipeline.stage;

import io.oppsuite.common.idempotency.IdempotentRequests;
import io.oppsuite.common.tenancy.Caller;
import io.oppsuite.pipeline.setup.TenantSetup;
import io.oppsuite.common.web.Page;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import java.util.UUID;
import java.util.function.Function;

/**
 * The stage catalogue, one transaction per request: a read first seeds a new tenant (which
 * writes), a write first takes the tenant's configuration lock ({@link TenantSetup}); then
 * {@link StageCatalogue} does the work in that transaction.
 */
@ApplicationScoped
public class Stages {

    @Inject
    StageCatalogue catalogue;

    @Inject
    TenantSetup setup;

    @Inject
    IdempotentRequests idempotency;

    @WithTransaction
    public Uni<Page<StageView>> list(Caller caller, int page, int size) {
        return setup.ensureSeeded(caller).chain(() -> catalogue.list(caller, page, size));
    }

    @WithTransaction
    public Uni<StageDefinition> get(Caller caller, UUID id) {
        return setup.ensureSeeded(caller).chain(() -> catalogue.get(caller, id));
    }

    @WithTransaction
    public Uni<StageUsageView> usage(Caller caller, UUID id) {
        return setup.ensureSeeded(caller).chain(() -> catalogue.usage(caller, id));
    }

    /** An Idempotency-Key replays the first answer, so the caller says how a created stage is answered. */
    @WithTransaction
    public Uni<Response> create(Caller caller, StageInput input, String idempotencyKey, Function<StageDefinition, Response> answer) {
        return setup.forWrite(caller).chain(() -> idempotency.once(caller, idempotencyKey, input,
                () -> catalogue.create(caller.tenantId(), input).map(answer)));
    }

    @WithTransaction
    public Uni<StageDefinition> update(Caller caller, UUID id, Long expected, StageInput input) {
        return setup.forWrite(caller).chain(() -> catalogue.update(caller, id, expected, input));
    }

    @WithTransaction
    public Uni<Void> delete(Caller caller, UUID id, Long expected) {
        return setup.forWrite(caller).chain(() -> catalogue.delete(caller, id, expected));
    }
}
