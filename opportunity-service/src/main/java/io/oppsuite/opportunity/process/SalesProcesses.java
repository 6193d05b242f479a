package io.oppsuite.opportunity.process;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oppsuite.common.contracts.SalesProcessSnapshot;
import io.oppsuite.common.problem.Problems;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;

/** The tenant's sales processes as cached from pipeline-config-service's events. */
@ApplicationScoped
public class SalesProcesses {

    @Inject
    ObjectMapper mapper;

    /** The live process, or a 422 naming the unknown id (the client chose it). */
    public Uni<SalesProcessSnapshot> require(String tenantId, String processId) {
        return CachedSalesProcess.<CachedSalesProcess>findById(new CachedSalesProcess.Key(tenantId, processId))
                .map(cached -> {
                    if (cached == null || cached.deleted) {
                        throw Problems.unprocessable("unknown-sales-process", "Unknown sales process",
                                "sales process " + processId + " does not exist in this tenant", Map.of("salesProcessId", processId));
                    }
                    return parse(cached.snapshot);
                });
    }

    /** Keeps the newest version; replays and out-of-order copies of older versions change nothing. */
    public Uni<Void> upsert(String tenantId, SalesProcessSnapshot snapshot) {
        String json;
        try {
            json = mapper.writeValueAsString(snapshot);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        insert into sales_process_cache (tenant_id, process_id, version, deleted, snapshot)
                        values (?1, ?2, ?3, false, ?4)
                        on conflict (tenant_id, process_id) do update
                        set version = excluded.version, snapshot = excluded.snapshot, deleted = false
                        where sales_process_cache.version < excluded.version""")
                .setParameter(1, tenantId).setParameter(2, snapshot.id())
                .setParameter(3, snapshot.version()).setParameter(4, json)
                .executeUpdate()).replaceWithVoid();
    }

    public Uni<Void> markDeleted(String tenantId, String processId) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "update sales_process_cache set deleted = true where tenant_id = ?1 and process_id = ?2")
                .setParameter(1, tenantId).setParameter(2, processId).executeUpdate()).replaceWithVoid();
    }

    private SalesProcessSnapshot parse(String json) {
        try {
            return mapper.readValue(json, SalesProcessSnapshot.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cached sales process is not readable", e);
        }
    }
}
