package io.oppsuite.common.problem;

/** Exception mapper priorities: the lower number wins when two mappers handle the same exception type. */
public final class ProblemPriorities {

    /** Ahead of quarkus-resteasy-problem's own mappers, which it registers at 999. */
    public static final int AHEAD_OF_LIBRARY = 500;

    private ProblemPriorities() {
    }
}
