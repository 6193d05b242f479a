package io.oppsuite.common.problem;

import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkiverse.resteasy.problem.postprocessing.ProblemContext;
import io.quarkiverse.resteasy.problem.postprocessing.ProblemPostProcessor;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.util.Locale;

/**
 * Every problem names a type of ours, so a client branches on {@code type} alone. The problems the framework
 * answers itself (bean validation's {@code violations}, an unknown path, a method or media type the endpoint does
 * not take) come without one; they get the type their status stands for: {@code bad-request}, {@code not-found},
 * {@code method-not-allowed}, {@code not-acceptable}, {@code unsupported-media-type}, ...
 */
@ApplicationScoped
public class ProblemTypes implements ProblemPostProcessor {

    @Override
    public HttpProblem apply(HttpProblem problem, ProblemContext context) {
        if (problem.getType() != null || problem.getStatus() == null) {
            return problem;
        }
        return HttpProblem.builder(problem).withType(URI.create(Problems.TYPE_BASE + forStatus(problem.getStatus().getStatusCode(),
                problem.getStatus().getReasonPhrase()))).build();
    }

    /** The type of a problem only its status describes: the status's reason phrase, e.g. 405 {@code method-not-allowed}. */
    static String forStatus(int status, String reasonPhrase) {
        if (status == 500) {
            return "internal-error";
        }
        if (reasonPhrase == null || reasonPhrase.isBlank()) {
            return status > 500 ? "internal-error" : "bad-request";
        }
        return reasonPhrase.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}
