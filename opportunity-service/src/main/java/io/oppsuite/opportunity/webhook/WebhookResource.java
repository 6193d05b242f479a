package io.oppsuite.opportunity.webhook;

import io.oppsuite.common.tenancy.CallerContext;
import io.oppsuite.common.tenancy.Roles;
import io.oppsuite.common.web.Preconditions;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Webhook endpoints of the caller's tenant, their deliveries and attempts, and redelivery. Admins and integrations. */
@Path("/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.INTEGRATION})
@Tag(name = "Webhooks", description = "Opportunity events POSTed to a tenant's endpoints, signed per Standard Webhooks, retried, in order per opportunity.")
public class WebhookResource {

    @Inject
    CallerContext callerContext;

    @Inject
    WebhookEndpoints endpoints;

    /** A registered endpoint with the secret its deliveries are signed with: shown this once. */
    public record RegisteredWebhook(String id, String url, List<String> eventTypes, String description, boolean active, Instant createdAt,
                                    String createdBy, long version,
                                    @Schema(description = "whsec_ + base64 key: verify webhook-signature with it (Standard Webhooks). Shown only here.")
                                    String secret) {
    }

    /** A delivery: one event for this endpoint; {@code id} is the webhook-id header of each of its attempts. */
    public record DeliveryView(String id, String eventId, String eventType, String orderKey, WebhookDelivery.Status status, int attempts,
                               Instant nextAttemptAt, Instant createdAt, Instant deliveredAt, String lastError) {
        static DeliveryView of(WebhookDelivery d) {
            return new DeliveryView(d.id.toString(), d.eventId, d.eventType, d.orderKey, d.status, d.attempts,
                    d.status == WebhookDelivery.Status.PENDING ? d.nextAttemptAt : null, d.createdAt, d.deliveredAt, d.lastError);
        }
    }

    public record AttemptView(Instant attemptedAt, Integer statusCode, String error, long durationMs) {
    }

    /** A delivery with its payload and every attempt. */
    public record DeliveryDetailView(DeliveryView delivery, String payload, List<AttemptView> attempts) {
    }

    @POST
    @Operation(operationId = "registerWebhook", summary = "Register a webhook endpoint", description = "Events of the chosen types that "
            + "happen from now on are POSTed to the URL as {type, timestamp, data}, with webhook-id, webhook-timestamp and "
            + "webhook-signature headers (Standard Webhooks). The answer carries the signing secret, shown only here. 422 "
            + "invalid-webhook-url (not http(s), credentials in it, or a loopback/private address outside test and local runs) "
            + "or unknown-event-type.")
    @APIResponse(responseCode = "201", description = "Registered", content = @Content(schema = @Schema(implementation = RegisteredWebhook.class)),
            headers = {@Header(ref = "ETag"), @Header(ref = "Location")})
    public Uni<Response> register(@Valid @NotNull WebhookRequest request) {
        return endpoints.register(callerContext.current(), request).map(r -> Response.created(URI.create("/webhooks/" + r.view().id()))
                .tag(String.valueOf(r.version())).entity(new RegisteredWebhook(r.view().id(), r.view().url(), r.view().eventTypes(),
                        r.view().description(), r.view().active(), r.view().createdAt(), r.view().createdBy(), r.view().version(), r.secret()))
                .build());
    }

    @GET
    @Operation(operationId = "listWebhooks", summary = "The tenant's webhook endpoints")
    public Uni<List<WebhookView>> list() {
        return endpoints.list(callerContext.current());
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getWebhook", summary = "Read a webhook endpoint", description = "ETag carries the version for If-Match.")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = WebhookView.class)),
            headers = {@Header(ref = "ETag")})
    public Uni<Response> get(@PathParam("id") UUID id) {
        return endpoints.get(callerContext.current(), id)
                .map(e -> Response.ok(endpoints.view(e)).tag(String.valueOf(e.version)).build());
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "deleteWebhook", summary = "Remove a webhook endpoint", description = "Its pending deliveries and their log go "
            + "with it. If-Match with the ETag.")
    @APIResponse(responseCode = "204", description = "Removed")
    public Uni<Response> delete(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        long expected = Preconditions.ifMatchVersion(ifMatch);
        return endpoints.delete(callerContext.current(), id, expected).map(ignored -> Response.noContent().build());
    }

    @GET
    @Path("{id}/deliveries")
    @Operation(operationId = "listWebhookDeliveries", summary = "An endpoint's deliveries, newest first",
            description = "PENDING (waiting for its turn or its next attempt), DELIVERED (a 2xx answer) or FAILED (every attempt failed).")
    public Uni<List<DeliveryView>> deliveries(@PathParam("id") UUID id, @QueryParam("status") WebhookDelivery.Status status,
                                              @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        return endpoints.deliveries(callerContext.current(), id, status, limit).map(list -> list.stream().map(DeliveryView::of).toList());
    }

    @GET
    @Path("{id}/deliveries/{deliveryId}")
    @Operation(operationId = "getWebhookDelivery", summary = "A delivery, its payload and every attempt")
    public Uni<DeliveryDetailView> delivery(@PathParam("id") UUID id, @PathParam("deliveryId") UUID deliveryId) {
        return endpoints.delivery(callerContext.current(), id, deliveryId).map(d -> new DeliveryDetailView(DeliveryView.of(d.delivery()),
                d.delivery().payload, d.attempts().stream().map(a -> new AttemptView(a.attemptedAt, a.statusCode, a.error, a.durationMs)).toList()));
    }

    @POST
    @Path("{id}/deliveries/{deliveryId}/redelivery")
    @Operation(operationId = "redeliverWebhook", summary = "Send a delivery again", description = "Same webhook-id and body, a new round "
            + "of attempts; it waits for any older pending delivery of its opportunity.")
    @APIResponse(responseCode = "202", description = "Queued", content = @Content(schema = @Schema(implementation = DeliveryView.class)))
    public Uni<Response> redeliver(@PathParam("id") UUID id, @PathParam("deliveryId") UUID deliveryId) {
        return endpoints.redeliver(callerContext.current(), id, deliveryId).map(d -> Response.accepted(DeliveryView.of(d)).build());
    }
}
