package io.oppsuite.approval.request;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ApprovalPageTest {

    private static List<ApprovalView> views(int n) {
        return IntStream.range(0, n).mapToObj(i -> new ApprovalView("a" + i, null, null, null, null, null, null, null, null, null,
                null, null, ApprovalStatus.PENDING, List.of(), null, null, List.of(), null, null, 0, null)).toList();
    }

    @Test
    void cutsThePageAndCountsEveryMatch() {
        ApprovalPage page = ApprovalPage.of(views(5), 1, 2);
        assertEquals(List.of("a2", "a3"), page.items().stream().map(ApprovalView::id).toList());
        assertEquals(5, page.total());
        assertEquals(List.of("a4"), ApprovalPage.of(views(5), 2, 2).items().stream().map(ApprovalView::id).toList());
    }

    @Test
    void aPageBeyondTheEndIsEmpty() {
        ApprovalPage page = ApprovalPage.of(views(3), 4, 2);
        assertEquals(List.of(), page.items());
        assertEquals(3, page.total());
        assertEquals(0, ApprovalPage.of(List.of(), 0, 50).total());
        // no overflow for absurd pages
        assertEquals(List.of(), ApprovalPage.of(views(3), Integer.MAX_VALUE, 200).items());
    }
}
