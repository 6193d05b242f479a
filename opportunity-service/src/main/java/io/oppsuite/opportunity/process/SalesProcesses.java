package io.oppsuite.opportunity.process;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oppsuite.common.contracts.SalesProcessSnapshot;
import io.oppsuite.common.json.Json;
import io.oppsuite.common.problem.Problems;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.quarkus.arc.Arc;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import java.util.Map;

/** The tenant's sales processes as cached from pipeline-config-service's events, read through when behind. */
@ApplicationScoped
public class SalesProcesses {

    private static final Logger LOG = Logger.getLogger(SalesProcesses.class);

    @Inject
    ObjectMapper mapper;

    @Inject
    SalesProcessSource source;

    @Inject
    JsonWebToken jwt;

    /** How long a client waits before retrying when pipeline-config-service could not be asked. */
    static final int RETRY_AFTER_SECONDS = 2;

    /**
     * The live process, or a 422 naming the unknown id (the client chose it).
     * <p>
     * Read your writes: in a client's request (its token at hand) the cached copy is checked against
     * pipeline-config-service, which answers 304 while the cached version is current; a cache miss or
     * an older cached version is read through, so a process saved a moment ago is used by the very next
     * request. A process pipeline-config-service does not know is unknown only when the cache does
     * not have it either (the cache learns deletions from the events). When pipeline-config-service
     * cannot be asked, the cached copy serves (its saves cannot be happening either); without one the
     * answer is 503 with Retry-After. Event consumers (no token) use the cache alone.
     */
    public Uni<SalesProcessSnapshot> require(String tenantId, String processId) {
        boolean asACaller = servingACaller();
        return CachedSalesProcess.<CachedSalesProcess>findById(new CachedSalesProcess.Key(tenantId, processId)).chain(cached -> {
            if (cached != null && cached.deleted) {
                throw unknown(processId);
            }
            if (!asACaller) {
                if (cached == null) {
                    throw unknown(processId);
                }
                return Uni.createFrom().item(parse(cached.snapshot));
            }
            return source.read(processId, cached == null ? null : cached.version)
                    .onFailure().recoverWithUni(failure -> {
                        if (cached == null) {
                            return Uni.createFrom().failure(Problems.serviceUnavailable("sales process " + processId
                                    + " is not known here yet and pipeline-config-service cannot be reached; retry shortly",
                                    RETRY_AFTER_SECONDS));
                        }
                        LOG.debugf("pipeline-config-service unavailable, cached version %d of %s used: %s",
                                cached.version, processId, failure.toString());
                        return Uni.createFrom().item(new SalesProcessSource.Answer.Unchanged());
                    })
                    .map(answer -> {
                        if (answer instanceof SalesProcessSource.Answer.Current current
                                && (cached == null || current.process().version() >= cached.version)) {
                            return current.process();
                        }
                        if (cached == null) {
                            throw unknown(processId);
                        }
                        return parse(cached.snapshot);
                    });
        });
    }

    private static RuntimeException unknown(String processId) {
        return Problems.unprocessable("unknown-sales-process", "Unknown sales process",
                "sales process " + processId + " does not exist in this tenant", Map.of("salesProcessId", processId));
    }

    /** A client request with a token is being served (its Authorization header goes along); not in event consumers or the scheduler. */
    private boolean servingACaller() {
        if (!Arc.container().requestContext().isActive()) {
            return false;
        }
        try {
            return jwt.getRawToken() != null;
        } catch (RuntimeException notInARequest) {
            return false;
        }
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
        return Json.read(mapper, json, SalesProcessSnapshot.class);
    }
}
