package io.oppsuite.holding.rule;

import io.oppsuite.common.tenancy.Caller;
import io.oppsuite.common.web.Preconditions;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The tenant's holding definition (which opportunities count as held); null while the tenant has not set its own. */
@ApplicationScoped
public class HoldingDefinitions {

    @Inject
    HoldingQualification qualification;

    @WithSession
    public Uni<HoldingDefinition> get(Caller caller) {
        return HoldingDefinition.findById(caller.tenantId());
    }

    /**
     * Replaces the definition and requalifies every holding and reservation, in a transaction of its
     * own; {@code ifMatch} is required once the definition exists (428 without it, 412 when stale).
     */
    @WithTransaction
    public Uni<HoldingDefinition> put(Caller caller, DefinitionResource.DefinitionRequest request, String ifMatch) {
        String conditions = ConditionJson.write(ConditionJson.validated("conditions", request.conditions(),
                "invalid-holding-definition", "Invalid holding definition"));
        // exclusive: no holding or reservation flag is computed against the definition being replaced
        return qualification.lockExclusive(caller.tenantId()).chain(() -> HoldingDefinition.<HoldingDefinition>findById(caller.tenantId())).chain(existing -> {
            HoldingDefinition d = existing;
            if (d == null) {
                // the first PUT creates the definition: If-Match is optional then ("0" when sent)
                Preconditions.requireVersion(caller.tenantId(), Preconditions.optionalIfMatchVersion(ifMatch), 0);
                d = new HoldingDefinition();
                d.tenantId = caller.tenantId();
            } else {
                Preconditions.requireVersion(caller.tenantId(), Preconditions.ifMatchVersion(ifMatch), d.version);
            }
            d.conditions = conditions;
            d.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            d.qualified = true;
            HoldingDefinition saved = d;
            return qualification.requalify(caller.tenantId(), ConditionJson.read(conditions))
                    .chain(() -> saved.<HoldingDefinition>persistAndFlush());
        });
    }

}
