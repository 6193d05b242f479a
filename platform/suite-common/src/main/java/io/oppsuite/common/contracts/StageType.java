package io.oppsuite.common.contracts;

/** Stage types of the stage catalogue: in progress, or one of the three outcomes. */
public enum StageType {
    IN_PROGRESS, WON, LOST, INVALID;

    public boolean isTerminal() {
        return this != IN_PROGRESS;
    }

    /** Lost or Invalid: where a deal leaks out of the pipeline. */
    public boolean isLoss() {
        return this == LOST || this == INVALID;
    }
}
