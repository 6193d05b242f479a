package io.oppsuite.approval.request;

import jakarta.validation.constraints.Size;

/** The body is optional; a comment says why. */
public record WithdrawRequest(@Size(max = 2000) String comment) {
}
