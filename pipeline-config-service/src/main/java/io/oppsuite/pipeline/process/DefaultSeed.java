package io.oppsuite.pipeline.process;

import io.oppsuite.common.contracts.SalesProcessSnapshot;
import io.oppsuite.common.tenancy.Caller;
import io.oppsuite.pipeline.setup.TenantSeed;
import io.oppsuite.pipeline.stage.StageCatalogue;
import io.oppsuite.pipeline.stage.StageInput;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/** A new tenant's default catalogue ({@link DefaultConfiguration#STAGES}) and its default process of those stages. */
@ApplicationScoped
public class DefaultSeed implements TenantSeed {

    @Inject
    StageCatalogue catalogue;

    @Inject
    SalesProcessService processes;

    @Override
    public Uni<Void> seed(Caller caller) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (StageInput stage : DefaultConfiguration.STAGES) {
            chain = chain.chain(() -> catalogue.create(caller.tenantId(), stage).replaceWithVoid());
        }
        List<ProcessStage> stages = DefaultConfiguration.STAGES.stream()
                .map(s -> new ProcessStage(s.key(), SalesProcessSnapshot.Settings.NONE, List.of())).toList();
        return chain.chain(() -> processes.create(caller, DefaultConfiguration.PROCESS_NAME, stages, true)).replaceWithVoid();
    }
}
