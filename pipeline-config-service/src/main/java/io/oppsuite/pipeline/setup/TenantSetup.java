package io.oppsuite.pipeline.setup;

import io.oppsuite.common.tenancy.Caller;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Seeds the default catalogue and process the first time a tenant uses the service, once:
 * an admin who later deletes them does not get them back. Runs in the caller's transaction,
 * so a request that fails also rolls the seed back and the next request seeds again; a
 * concurrent first request waits on the tenant_setup row and then finds it seeded.
 */
@ApplicationScoped
public class TenantSetup {

    /** Tenants whose seed this JVM has seen committed: saves a statement per request. */
    private final Set<String> seeded = ConcurrentHashMap.newKeySet();

    /** What a new tenant starts with (implemented by the process feature: the default catalogue and process). */
    @Inject
    TenantSeed seed;

    /**
     * Before a configuration write: serialises the tenant's configuration writes (transaction-scoped
     * advisory lock), so a process is never validated against a catalogue stage that a concurrent
     * request is deleting or retyping. Configuration writes are rare; reads never take it.
     * Must run inside a transaction, first thing in it.
     */
    public Uni<Void> forWrite(Caller caller) {
        return Panache.getSession().chain(s -> s.createNativeQuery("select count(*) from (select pg_advisory_xact_lock(?1)) locked")
                        .setParameter(1, lockKey(caller.tenantId()))
                        .getSingleResult())
                .chain(() -> ensureSeeded(caller));
    }

    static long lockKey(String tenantId) {
        // a fixed namespace in the high bits keeps this lock apart from other advisory locks (e.g. the outbox relay's)
        return (0x5049_5045L << 32) | (tenantId.hashCode() & 0xffff_ffffL);
    }

    /** Must run inside a transaction. */
    public Uni<Void> ensureSeeded(Caller caller) {
        String tenantId = caller.tenantId();
        if (seeded.contains(tenantId)) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "insert into tenant_setup (tenant_id, seeded_at) values (?1, now()) on conflict do nothing")
                .setParameter(1, tenantId)
                .executeUpdate())
                .chain(inserted -> {
                    if (inserted == 0) {
                        // the row is committed (an uncommitted one would have made us wait), so the seed is there
                        seeded.add(tenantId);
                        return Uni.createFrom().voidItem();
                    }
                    return seed.seed(caller);
                });
    }
}
