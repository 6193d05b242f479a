package io.oppsuite.approval.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oppsuite.common.problem.Problems;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a flow's reference to a sales process (and a stage of it) in the caller's tenant, with
 * pipeline-config-service, which owns processes: unknown there (or another tenant's) is a 422
 * {@code unknown-sales-process}, a stage the process does not have a 422 {@code unknown-stage};
 * pipeline-config-service unreachable is a 503 with Retry-After, nothing written.
 */
@ApplicationScoped
public class SalesProcessReferences {

    static final int RETRY_AFTER_SECONDS = 2;

    @Inject
    @RestClient
    PipelineConfigClient client;

    @Inject
    ObjectMapper mapper;

    /** {@code stageKey} may be null (a flow that names no stage). */
    public Uni<Void> require(String processId, String stageKey) {
        if (processId == null) {
            return Uni.createFrom().voidItem();
        }
        // the answer may arrive on another thread; the caller's reactive session lives on this context
        io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
        return client.get(processId)
                .ifNoItem().after(Duration.ofSeconds(5)).fail()
                .onFailure(WebApplicationException.class).recoverWithUni(failure -> {
                    int status = ((WebApplicationException) failure).getResponse().getStatus();
                    return status == 404 || status == 400 ? Uni.createFrom().item(Response.status(status).build())
                            : Uni.createFrom().failure(failure);
                })
                .onFailure().transform(failure -> Problems.serviceUnavailable(
                        "pipeline-config-service cannot be asked about sales process " + processId + "; retry shortly", RETRY_AFTER_SECONDS))
                .map(response -> {
                    try (response) {
                        if (response.getStatus() != 200) {
                            throw Problems.unprocessable("unknown-sales-process", "Unknown sales process",
                                    "sales process " + processId + " does not exist in this tenant", Map.of("salesProcessId", processId));
                        }
                        if (stageKey != null) {
                            List<String> keys = stageKeys(response.readEntity(String.class));
                            if (!keys.contains(stageKey)) {
                                throw Problems.unprocessable("unknown-stage", "Unknown stage",
                                        "sales process " + processId + " has no stage '" + stageKey + "' (it has " + keys + ")",
                                        Map.of("salesProcessId", processId, "stageKey", stageKey));
                            }
                        }
                        return null;
                    }
                })
                .emitOn(command -> {
                    if (context == null) {
                        command.run();
                    } else {
                        context.runOnContext(ignored -> command.run());
                    }
                })
                .replaceWithVoid();
    }

    private List<String> stageKeys(String process) {
        List<String> keys = new ArrayList<>();
        try {
            JsonNode root = mapper.readTree(process);
            root.path("stages").forEach(stage -> keys.add(stage.path("key").asText()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("pipeline-config-service answered a process that is not JSON", e);
        }
        return keys;
    }
}
