package io.oppsuite.opportunity.pool;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.oppsuite.common.contracts.PoolEvents;
import io.oppsuite.common.idempotency.IdempotentRequests;
import io.oppsuite.common.json.Json;
import io.oppsuite.common.problem.PersistenceProblemMappers;
import io.oppsuite.common.problem.Problems;
import io.oppsuite.common.tenancy.Caller;
import io.oppsuite.common.web.Preconditions;
import io.oppsuite.common.web.Page;
import io.oppsuite.opportunity.core.OpportunityView;
import io.oppsuite.opportunity.core.Opportunity;
import io.oppsuite.opportunity.core.Opportunities;
import io.oppsuite.opportunity.core.OpportunityListing;
import io.oppsuite.opportunity.core.OpportunityPublisher;
import io.oppsuite.opportunity.core.OpportunityQuery;
import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.oppsuite.opportunity.directory.Directory;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Pool configuration (admin writes, each with its event in the outbox) and who may look into which pool.
 * The methods the resource calls open their session or transaction.
 */
@ApplicationScoped
public class PoolService {

    @Inject
    Opportunities opportunities;

    @Inject
    Directory directory;

    @Inject
    OpportunityPublisher publisher;

    @Inject
    OpportunityListing listing;

    @Inject
    IdempotentRequests idempotency;

    @Inject
    ObjectMapper mapper;

    /**
     * Creates a pool in a transaction of its own; an Idempotency-Key replays the first answer, so the
     * caller says how a created pool is answered.
     */
    @WithTransaction
    public Uni<Response> create(Caller caller, PoolRequest request, String idempotencyKey, Function<OpportunityPool, Response> answer) {
        return idempotency.once(caller, idempotencyKey, request, () -> create(caller, request).map(answer));
    }

    private Uni<OpportunityPool> create(Caller caller, PoolRequest request) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        OpportunityPool pool = new OpportunityPool();
        pool.id = UUID.randomUUID();
        pool.tenantId = caller.tenantId();
        pool.createdAt = now;
        pool.createdBy = caller.employeeId();
        apply(pool, request, now);
        return requireNameFree(pool)
                .chain(() -> pool.<OpportunityPool>persistAndFlush())
                .call(saved -> emit(saved, PoolEvents.UPSERTED, caller))
                .onFailure(PersistenceProblemMappers::isUniqueViolation).transform(e -> nameTaken(pool.name));
    }

    /** In a transaction of its own; If-Match guards it. */
    @WithTransaction
    public Uni<OpportunityPool> update(Caller caller, UUID id, Long expectedVersion, PoolRequest request) {
        return find(caller.tenantId(), id).chain(pool -> {
            Preconditions.requireVersion(id, expectedVersion, pool.version);
            apply(pool, request, Instant.now().truncatedTo(ChronoUnit.MICROS));
            return requireNameFree(pool)
                    .chain(() -> pool.<OpportunityPool>persistAndFlush())
                    .call(saved -> emit(saved, PoolEvents.UPSERTED, caller))
                    .onFailure(PersistenceProblemMappers::isUniqueViolation).transform(e -> nameTaken(pool.name));
        });
    }

    /** In a transaction of its own. A pool with deals in it stays: nothing may be left ownerless without a shelf. */
    @WithTransaction
    public Uni<Void> delete(Caller caller, UUID id, Long expectedVersion) {
        return find(caller.tenantId(), id).chain(pool -> {
            Preconditions.requireVersion(id, expectedVersion, pool.version);
            return Opportunity.count("tenantId = ?1 and poolId = ?2", caller.tenantId(), id).chain(held -> {
                if (held > 0) {
                    throw notEmpty(id, held);
                }
                return emit(pool, PoolEvents.DELETED, caller)
                        .chain(() -> pool.delete())
                        .chain(() -> Panache.flush());
            });
        }).onFailure(e -> "23503".equals(PersistenceProblemMappers.sqlState(e)))
                // a deal was returned to it while we counted: the foreign key settles the race
                .transform(e -> notEmpty(id, 1));
    }

    /** Pools the caller may look into. */
    @WithSession
    public Uni<List<OpportunityPool>> visible(Caller caller) {
        return directory.member(caller.tenantId(), caller.employeeId()).chain(member -> OpportunityPool
                .<OpportunityPool>list("tenantId = ?1 order by lower(name), id", caller.tenantId())
                .map(pools -> pools.stream().filter(p -> PoolAccess.maySee(caller, member, members(p))).toList()));
    }

    /** The pool if the caller may look into it; otherwise (another tenant's, not theirs) a 404. */
    @WithSession
    public Uni<OpportunityPool> visible(Caller caller, UUID id) {
        return find(caller.tenantId(), id).call(pool -> mayLook(caller, pool).invoke(may -> {
            if (!may) {
                throw Problems.notFound("Opportunity pool", id);
            }
        }));
    }

    /** The deals waiting in a pool the caller may look into (404 otherwise), filtered and paged as /opportunities. */
    @WithSession
    public Uni<Page<OpportunityView>> opportunities(Caller caller, UUID id, OpportunityQuery query, int page, int size, String cursor) {
        return visible(caller, id).chain(pool -> listing.list(query, query.inPool(caller.tenantId(), pool.id), page, size, cursor));
    }

    /**
     * An opportunity the caller may read: one they may see anyway (owner, manager, admin, its sales
     * team) or one sitting in a pool they may look into. Writes keep to {@code Opportunities}' levels.
     */
    public Uni<Opportunity> readable(Caller caller, UUID id) {
        return Opportunity.findInTenant(caller.tenantId(), id).chain(o -> {
            if (o == null) {
                throw Problems.notFound("Opportunity", id);
            }
            if (caller.canSee(o.ownerId, o.departmentId)) {
                return Uni.createFrom().item(o);
            }
            if (o.poolId == null) {
                return opportunities.visible(caller, id);
            }
            return OpportunityPool.findInTenant(caller.tenantId(), o.poolId)
                    .chain(pool -> pool == null ? Uni.createFrom().item(false) : mayLook(caller, pool)).map(may -> {
                        if (!may) {
                            throw Problems.notFound("Opportunity", id);
                        }
                        return o;
                    });
        });
    }

    public Uni<OpportunityPool> find(String tenantId, UUID id) {
        return OpportunityPool.findInTenant(tenantId, id).map(pool -> {
            if (pool == null) {
                throw Problems.notFound("Opportunity pool", id);
            }
            return pool;
        });
    }

    /** Whether the caller may look into the pool, by what the directory says of them. Needs a session. */
    public Uni<Boolean> mayLook(Caller caller, OpportunityPool pool) {
        return directory.member(caller.tenantId(), caller.employeeId()).map(member -> PoolAccess.maySee(caller, member, members(pool)));
    }

    /** Whether the caller may claim from the pool, by what the directory says of them. Needs a session. */
    public Uni<Boolean> mayClaim(Caller caller, OpportunityPool pool) {
        return directory.member(caller.tenantId(), caller.employeeId()).map(member -> PoolAccess.mayClaim(caller, member, members(pool)));
    }

    public PoolAccess.Members members(OpportunityPool pool) {
        return new PoolAccess.Members(read(pool.memberDepartments), read(pool.memberGroups), read(pool.memberRoles));
    }

    public PoolView view(OpportunityPool pool) {
        PoolAccess.Members members = members(pool);
        return new PoolView(pool.id.toString(), pool.name, pool.description, members.departments(), members.groups(), members.roles(),
                pool.createdAt, pool.updatedAt, pool.version);
    }

    private Uni<Void> requireNameFree(OpportunityPool pool) {
        // the unique index settles races; this gives the usual case its answer before the write
        return OpportunityPool.count("tenantId = ?1 and lower(name) = lower(?2) and id <> ?3", pool.tenantId, pool.name, pool.id)
                .invoke(n -> {
                    if (n > 0) {
                        throw nameTaken(pool.name);
                    }
                }).replaceWithVoid();
    }

    private Uni<Void> emit(OpportunityPool pool, String type, Caller caller) {
        PoolAccess.Members members = members(pool);
        PoolEvents.Pool state = new PoolEvents.Pool(pool.id.toString(), pool.name, pool.description, members.departments(),
                members.groups(), pool.updatedAt, pool.version);
        return publisher.emit(pool.tenantId, pool.id.toString(), type, new PoolEvents.PoolChanged(state, caller.employeeId()));
    }

    private void apply(OpportunityPool pool, PoolRequest request, Instant now) {
        pool.name = request.name().trim();
        pool.description = request.description() == null || request.description().isBlank() ? null : request.description().trim();
        pool.memberDepartments = write(request.memberDepartments());
        pool.memberGroups = write(request.memberGroups());
        pool.memberRoles = write(request.memberRoles());
        pool.updatedAt = now;
    }

    private String write(List<String> values) {
        LinkedHashSet<String> distinct = new LinkedHashSet<>();
        if (values != null) {
            values.forEach(v -> distinct.add(v.trim()));
        }
        return Json.write(mapper, List.copyOf(distinct));
    }

    private List<String> read(String json) {
        return json == null ? List.of() : Json.read(mapper, json, Json.STRINGS);
    }

    static HttpProblem nameTaken(String name) {
        return Problems.conflict("pool-name-taken", "Pool name taken", "the tenant already has a pool named '" + name + "'",
                Map.of("name", name));
    }

    static HttpProblem notEmpty(UUID id, long opportunities) {
        return Problems.conflict("pool-not-empty", "Pool not empty", "pool " + id + " still holds " + opportunities
                + " opportunities; claim, assign or delete them first", Map.of("opportunities", opportunities));
    }
}
