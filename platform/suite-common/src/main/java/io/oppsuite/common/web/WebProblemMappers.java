package io.oppsuite.common.web;

import io.oppsuite.common.problem.ProblemPriorities;
import io.oppsuite.common.problem.Problems;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Request values the endpoint cannot take: a 400 problem naming the parameter. */
public class WebProblemMappers {

    @ServerExceptionMapper(value = BadParameterException.class, priority = ProblemPriorities.AHEAD_OF_LIBRARY)
    public Response badParameter(BadParameterException e) {
        return Problems.badParameter(e.parameter(), e.getMessage()).toResponse();
    }
}
