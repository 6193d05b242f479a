package io.oppsuite.opportunity.process;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * pipeline-config-service's {@code GET /sales-processes/{id}}, read as the caller: their Authorization header is
 * propagated ({@code org.eclipse.microprofile.rest.client.propagateHeaders}), so the answer is about the caller's tenant. The answer
 * is 200 with the process or 304 when {@code If-None-Match} names the current version; the client's
 * default mapper raises a 4xx/5xx as a {@code WebApplicationException} ({@link SalesProcessSource} reads 404 as "unknown").
 */
@RegisterRestClient(configKey = "pipeline-config")
@RegisterClientHeaders
@Path("/sales-processes")
@Produces(MediaType.APPLICATION_JSON)
interface PipelineConfigClient {

    @GET
    @Path("{id}")
    Uni<Response> get(@HeaderParam("If-None-Match") String ifNoneMatch, @PathParam("id") String processId);

}
