package io.oppsuite.opportunity.core;

/** Where an opportunity is in its life, apart from its stage. */
public enum LifecycleStatus {
    /** Waiting for a creation approval. */
    PENDING_APPROVAL,
    /** Open and being worked. */
    ACTIVE,
    WON,
    LOST,
    INVALID,
    /** Creation approval rejected. */
    REJECTED
}
