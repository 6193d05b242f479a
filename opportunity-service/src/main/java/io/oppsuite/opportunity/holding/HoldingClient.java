package io.oppsuite.opportunity.holding;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.oppsuite.common.contracts.OpportunityState;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.time.Instant;

/**
 * holding-service's reservation API (contract in the opportunity brief), asked as the caller: their Authorization
 * header is propagated ({@code org.eclipse.microprofile.rest.client.propagateHeaders}) from the request being served,
 * which is still the one in progress when a reservation is confirmed or released after its write commits.
 */
@RegisterRestClient(configKey = "holding")
@RegisterClientHeaders
@Path("/holdings/reservations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface HoldingClient {

    record ReservationRequest(String opportunityId, String ownerId, String departmentId, OpportunityState opportunity) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Reservation(String reservationId, boolean counted, Instant expiresAt, String departmentId) {
    }

    @POST
    Uni<Reservation> reserve(ReservationRequest request);

    @POST
    @Path("{id}/confirm")
    Uni<Void> confirm(@PathParam("id") String reservationId);

    @DELETE
    @Path("{id}")
    Uni<Void> release(@PathParam("id") String reservationId);

    /** 409 is the holding limit (its problem body is kept); other 4xx are our bug or bad input; 5xx is "unavailable". */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        String body = response.hasEntity() ? response.readEntity(String.class) : null;
        return new HoldingServiceException(response.getStatus(), body);
    }
}
