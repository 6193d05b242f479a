package io.oppsuite.common.problem;

import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.net.URI;

/**
 * 401 as a problem document with a Bearer challenge. Ours rather than resteasy-problem's
 * reactive security mappers, which do not link against this Quarkus version.
 */
public class SecurityProblemMappers {

    @ServerExceptionMapper(value = {UnauthorizedException.class, AuthenticationFailedException.class,
            AuthenticationCompletionException.class}, priority = ProblemPriorities.AHEAD_OF_LIBRARY)
    public Response unauthorized(RuntimeException e) {
        return HttpProblem.builder()
                .withType(URI.create("https://oppsuite.io/problems/unauthorized"))
                .withStatus(401)
                .withTitle("Unauthorized")
                .withDetail("a valid bearer token from the suite's issuer is required")
                .withHeader("WWW-Authenticate", "Bearer")
                .build()
                .toResponse();
    }
}
