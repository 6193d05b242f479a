package io.oppsuite.analytics.process;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oppsuite.common.contracts.SalesProcessSnapshot;
import io.oppsuite.common.json.Json;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads the sales processes analytics has learnt from pipeline-config-events. */
@ApplicationScoped
public class SalesProcesses {

    @Inject
    ObjectMapper mapper;

    /** The process of the tenant, or null if this tenant has none with that id. */
    public Uni<SalesProcessSnapshot> find(String tenantId, String id) {
        return Panache.withSession(() -> SalesProcessView.<SalesProcessView>findById(new SalesProcessView.Key(tenantId, id)))
                .map(view -> view == null ? null : new SalesProcessSnapshot(view.id, view.name, view.version, stages(view.stages)));
    }

    /** The tenant's live (not deleted) processes, by name. */
    public Uni<List<SalesProcessSnapshot>> list(String tenantId) {
        return Panache.withSession(() -> SalesProcessView.<SalesProcessView>list(
                        "tenantId = ?1 and deleted = false order by name, id", tenantId))
                .map(views -> views.stream()
                        .map(view -> new SalesProcessSnapshot(view.id, view.name, view.version, stages(view.stages))).toList());
    }

    /**
     * The tenant's catalogue labels by stage key: what a stage is called in a report after it left its
     * process (a removal raced a move into it, or deals closed in it).
     */
    public Uni<Map<String, String>> catalogueLabels(String tenantId) {
        return Panache.withSession(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                        "select stage_key, label from stage_catalogue where tenant_id = ?1", Object[].class)
                .setParameter(1, tenantId).getResultList()))
                .map(rows -> {
                    Map<String, String> labels = new HashMap<>();
                    rows.stream().filter(r -> r[1] != null).forEach(r -> labels.put((String) r[0], (String) r[1]));
                    return labels;
                });
    }

    private List<SalesProcessSnapshot.Stage> stages(String json) {
        return Json.read(mapper, json, new TypeReference<>() {
        });
    }
}
