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
    /** Creation approval rejected: editable, counted nowhere, resubmitted with POST /opportunities/{id}/resubmit. */
    REJECTED,
    /** Creation approval withdrawn: editable, counted nowhere, resubmitted like a rejected one. */
    DRAFT;

    /** Not (yet) in play: neither held by its owner nor a duplicate of anything until it is resubmitted. */
    public boolean unsubmitted() {
        return this == REJECTED || this == DRAFT;
    }
}
