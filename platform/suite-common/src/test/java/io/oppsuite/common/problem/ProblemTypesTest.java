package io.oppsuite.common.problem;

import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkiverse.resteasy.problem.postprocessing.ProblemContext;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A problem the framework answers without a type gets the one its status stands for; one of ours keeps its own. */
class ProblemTypesTest {

    final ProblemTypes types = new ProblemTypes();

    URI typeOf(HttpProblem problem) {
        return types.apply(problem, ProblemContext.of(new RuntimeException(), "/x")).getType();
    }

    @Test
    void anUntypedProblemIsTypedByItsStatus() {
        assertEquals(URI.create("https://oppsuite.io/problems/bad-request"), typeOf(HttpProblem.builder().withStatus(400).build()));
        assertEquals(URI.create("https://oppsuite.io/problems/not-found"), typeOf(HttpProblem.builder().withStatus(404).build()));
        assertEquals(URI.create("https://oppsuite.io/problems/method-not-allowed"), typeOf(HttpProblem.builder().withStatus(405).build()));
        assertEquals(URI.create("https://oppsuite.io/problems/unsupported-media-type"), typeOf(HttpProblem.builder().withStatus(415).build()));
        assertEquals(URI.create("https://oppsuite.io/problems/internal-error"), typeOf(HttpProblem.builder().withStatus(500).build()));
    }

    @Test
    void aTypedProblemKeepsItsType() {
        assertEquals(URI.create("https://oppsuite.io/problems/stale-version"), typeOf(Problems.stale("x", 1, 2)));
    }
}
