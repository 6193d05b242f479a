package io.oppsuite.approval.request;

/** PENDING until the last step approves (APPROVED), anyone rejects (REJECTED) or the requester withdraws (WITHDRAWN). */
public enum ApprovalStatus {
    PENDING, APPROVED, REJECTED, WITHDRAWN
}
