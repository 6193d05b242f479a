package io.oppsuite.approval.request;

import io.oppsuite.common.problem.PersistenceProblemMappers;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Runs a decision in its own transaction and, when it lost an optimistic-lock race with a
 * concurrent decision on the same approval, runs it again on the fresh state. Two approvers
 * of an ALL step who approve at once then both count, instead of one getting a 409 for no
 * fault of their own; on an ANY step the second run sees the approval closed (409).
 */
final class LostRaceRetry {

    static final int ATTEMPTS = 4;

    private LostRaceRetry() {
    }

    static <T> Uni<T> inTransaction(Supplier<Uni<T>> work) {
        // deferred + no surrounding session: each attempt opens a new session, so nothing stale is reused
        return Uni.createFrom().deferred(() -> Panache.withTransaction(work))
                .onFailure(PersistenceProblemMappers::lostUpdate).retry().withBackOff(Duration.ofMillis(20), Duration.ofMillis(200))
                .atMost(ATTEMPTS - 1);
    }

}
