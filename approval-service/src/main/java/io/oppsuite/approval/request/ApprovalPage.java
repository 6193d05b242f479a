package io.oppsuite.approval.request;

import java.util.List;

/** One page of approvals; {@code total} counts every approval matching the filter, not just this page. */
public record ApprovalPage(List<ApprovalView> items, int page, int size, long total) {

    static ApprovalPage of(List<ApprovalView> matching, int page, int size) {
        long from = (long) page * size;
        if (from >= matching.size()) {
            return new ApprovalPage(List.of(), page, size, matching.size());
        }
        int to = (int) Math.min(matching.size(), from + size);
        return new ApprovalPage(List.copyOf(matching.subList((int) from, to)), page, size, matching.size());
    }
}
