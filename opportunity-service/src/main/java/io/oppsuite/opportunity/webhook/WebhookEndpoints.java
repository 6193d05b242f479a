package io.oppsuite.opportunity.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.oppsuite.common.contracts.ApprovalEvents;
import io.oppsuite.common.contracts.OpportunityEvents;
import io.oppsuite.common.contracts.PoolEvents;
import io.oppsuite.common.json.Json;
import io.oppsuite.common.problem.Problems;
import io.oppsuite.common.tenancy.Caller;
import io.oppsuite.common.web.Preconditions;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** Registering, reading and removing a tenant's webhook endpoints, and redelivering one delivery. */
@ApplicationScoped
public class WebhookEndpoints {

    /** What an endpoint may subscribe to: the types published on opportunity-events, or "*" for all of them. */
    public static final Set<String> EVENT_TYPES = Set.of(OpportunityEvents.CREATED, OpportunityEvents.UPDATED,
            OpportunityEvents.STAGE_CHANGED, OpportunityEvents.OWNER_CHANGED, OpportunityEvents.OVERDUE, OpportunityEvents.WON,
            OpportunityEvents.CLOSED, OpportunityEvents.DELETED, OpportunityEvents.SALES_ORDER_REQUESTED, OpportunityEvents.SALES_TEAM_CHANGED,
            ApprovalEvents.APPROVAL_REQUESTED_BY_OPPORTUNITY, PoolEvents.UPSERTED, PoolEvents.DELETED);
    public static final String ALL = "*";

    @Inject
    WebhookSettings settings;

    @Inject
    io.vertx.mutiny.core.Vertx vertx;

    @Inject
    ObjectMapper mapper;

    @WithTransaction
    public Uni<Registered> register(Caller caller, WebhookRequest request) {
        return WebhookTargets.refusalOffLoop(vertx, request.url(), settings.allowPrivateTargets()).chain(refusal -> {
            if (refusal != null) {
                throw Problems.unprocessable("invalid-webhook-url", "Invalid webhook URL", refusal, Map.of("url", request.url()));
            }
            return registered(caller, request);
        });
    }

    private Uni<Registered> registered(Caller caller, WebhookRequest request) {
        Set<String> types = new TreeSet<>(request.eventTypes());
        Set<String> unknown = new TreeSet<>(types);
        unknown.removeAll(EVENT_TYPES);
        unknown.remove(ALL);
        if (!unknown.isEmpty()) {
            throw Problems.unprocessable("unknown-event-type", "Unknown event type",
                    "not an event type of opportunity-events: " + unknown, Map.of("eventTypes", unknown));
        }
        WebhookEndpoint e = new WebhookEndpoint();
        e.id = UUID.randomUUID();
        e.tenantId = caller.tenantId();
        e.url = request.url().trim();
        e.secret = WebhookSignature.newSecret();
        e.eventTypes = json(types);
        e.description = request.description();
        e.active = true;
        e.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        e.createdBy = caller.employeeId();
        return e.<WebhookEndpoint>persistAndFlush().map(saved -> new Registered(view(saved), saved.secret, saved.version));
    }

    /** A new endpoint's view and its secret, which is shown once. */
    public record Registered(WebhookView view, String secret, long version) {
    }

    @WithSession
    public Uni<List<WebhookView>> list(Caller caller) {
        return WebhookEndpoint.<WebhookEndpoint>list("tenantId = ?1 order by createdAt, id", caller.tenantId())
                .map(all -> all.stream().map(this::view).toList());
    }

    @WithSession
    public Uni<WebhookEndpoint> get(Caller caller, UUID id) {
        return find(caller, id);
    }

    @WithTransaction
    public Uni<Void> delete(Caller caller, UUID id, long expectedVersion) {
        return find(caller, id).invoke(e -> Preconditions.requireVersion(id, expectedVersion, e.version))
                .call(WebhookEndpoint::delete).replaceWithVoid();
    }

    /** The newest deliveries of an endpoint, optionally of one status. */
    @WithSession
    public Uni<List<WebhookDelivery>> deliveries(Caller caller, UUID id, WebhookDelivery.Status status, int limit) {
        return find(caller, id).chain(e -> (status == null
                ? WebhookDelivery.<WebhookDelivery>find("endpointId = ?1 order by seq desc", e.id)
                : WebhookDelivery.<WebhookDelivery>find("endpointId = ?1 and status = ?2 order by seq desc", e.id, status))
                .page(0, limit).list());
    }

    @WithSession
    public Uni<DeliveryDetail> delivery(Caller caller, UUID id, UUID deliveryId) {
        return findDelivery(caller, id, deliveryId).chain(d -> WebhookAttempt.of(d.id).map(attempts -> new DeliveryDetail(d, attempts)));
    }

    public record DeliveryDetail(WebhookDelivery delivery, List<WebhookAttempt> attempts) {
    }

    /** Sends the delivery again, with its webhook-id, in a new round of attempts (after any older pending event of its key). */
    @WithTransaction
    public Uni<WebhookDelivery> redeliver(Caller caller, UUID id, UUID deliveryId) {
        return findDelivery(caller, id, deliveryId).chain(d -> {
            d.status = WebhookDelivery.Status.PENDING;
            d.attempts = 0;
            d.nextAttemptAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            d.deliveredAt = null;
            return d.<WebhookDelivery>persistAndFlush();
        });
    }

    public boolean subscribes(WebhookEndpoint endpoint, String type) {
        Set<String> types = types(endpoint);
        return types.contains(ALL) ? EVENT_TYPES.contains(type) : types.contains(type);
    }

    public WebhookView view(WebhookEndpoint e) {
        return new WebhookView(e.id.toString(), e.url, List.copyOf(types(e)), e.description, e.active, e.createdAt, e.createdBy, e.version);
    }

    private Uni<WebhookEndpoint> find(Caller caller, UUID id) {
        return WebhookEndpoint.findInTenant(caller.tenantId(), id).map(e -> {
            if (e == null) {
                throw Problems.notFound("Webhook", id);
            }
            return e;
        });
    }

    private Uni<WebhookDelivery> findDelivery(Caller caller, UUID id, UUID deliveryId) {
        return find(caller, id).chain(e -> WebhookDelivery.findOf(caller.tenantId(), e.id, deliveryId)).map(d -> {
            if (d == null) {
                throw Problems.notFound("Webhook delivery", deliveryId);
            }
            return d;
        });
    }

    private Set<String> types(WebhookEndpoint e) {
        return new TreeSet<>(Json.read(mapper, e.eventTypes, Json.STRINGS));
    }

    private String json(Object value) {
        return Json.write(mapper, value);
    }
}
