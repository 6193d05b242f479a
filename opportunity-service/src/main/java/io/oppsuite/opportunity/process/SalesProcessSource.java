package io.oppsuite.opportunity.process;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.oppsuite.common.contracts.SalesProcessSnapshot;
import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.time.temporal.ChronoUnit;

/**
 * Reads a sales process from pipeline-config-service itself, as the client being served, for the requests whose cached copy may be
 * missing or behind its events. Fails (timeout, open circuit, 5xx, refused connection) when
 * pipeline-config-service cannot answer; {@link SalesProcesses} decides what that means.
 */
@ApplicationScoped
public class SalesProcessSource {

    /** What pipeline-config-service said about the process. */
    public interface Answer {
        /** The version the caller already has is the current one. */
        record Unchanged() implements Answer {
        }

        record Current(SalesProcessSnapshot process) implements Answer {
        }

        /** No such process in the caller's tenant. */
        record Unknown() implements Answer {
        }
    }

    @Inject
    @RestClient
    PipelineConfigClient client;

    @Inject
    ObjectMapper mapper;

    /** {@code knownVersion}: the cached version (asks for a 304 when it is still current), or null. */
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS)
    @AsynchronousNonBlocking
    public Uni<Answer> read(String processId, Long knownVersion) {
        return client.get(knownVersion == null ? null : "\"" + knownVersion + "\"", processId)
                // the client's default mapper turns every 4xx into an exception: 404/400 is an answer, not a failure
                .onFailure(WebApplicationException.class).recoverWithUni(failure -> {
                    int status = ((WebApplicationException) failure).getResponse().getStatus();
                    return status == 404 || status == 400 ? Uni.createFrom().item(Response.status(status).build())
                            : Uni.createFrom().failure(failure);
                })
                .map(this::answer);
    }

    private Answer answer(Response response) {
        try (response) {
            int status = response.getStatus();
            if (status == 200) {
                return new Answer.Current(mapper.readValue(response.readEntity(String.class), SalesProcessSnapshot.class));
            }
            if (status == 304) {
                return new Answer.Unchanged();
            }
            // 404: not in this tenant; 400 for an id pipeline-config-service could never have issued
            if (status == 404 || status == 400) {
                return new Answer.Unknown();
            }
            throw new IllegalStateException("pipeline-config-service answered " + status);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("pipeline-config-service answered a process that does not match the contract", e);
        }
    }
}
