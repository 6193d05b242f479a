package io.oppsuite.approval.process;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * pipeline-config-service's {@code GET /sales-processes/{id}}, asked with the caller's own token (the
 * Authorization header is propagated: {@code org.eclipse.microprofile.rest.client.propagateHeaders}),
 * so the answer is about the caller's tenant: another tenant's process is a 404 like one that never was.
 */
@RegisterRestClient(configKey = "pipeline-config")
@RegisterClientHeaders
@Path("/sales-processes")
@Produces(MediaType.APPLICATION_JSON)
interface PipelineConfigClient {

    @GET
    @Path("{id}")
    Uni<Response> get(@PathParam("id") String processId);
}
