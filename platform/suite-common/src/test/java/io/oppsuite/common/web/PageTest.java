package io.oppsuite.common.web;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A page cut from every match found in memory (approval-service's visible approvals), and a page of views. */
class PageTest {

    private static List<String> items(int n) {
        return IntStream.range(0, n).mapToObj(i -> "a" + i).toList();
    }

    @Test
    void cutsThePageAndCountsEveryMatch() {
        Page<String> page = Page.slice(items(5), 1, 2);
        assertEquals(List.of("a2", "a3"), page.items());
        assertEquals(5, page.total());
        assertEquals(List.of("a4"), Page.slice(items(5), 2, 2).items());
    }

    @Test
    void aPageBeyondTheEndIsEmpty() {
        Page<String> page = Page.slice(items(3), 4, 2);
        assertEquals(List.of(), page.items());
        assertEquals(3, page.total());
        assertEquals(0, Page.slice(List.of(), 0, 50).total());
        // no overflow for absurd pages
        assertEquals(List.of(), Page.slice(items(3), Integer.MAX_VALUE, 200).items());
    }

    @Test
    void mapKeepsWhereThePageIs() {
        Page<Integer> lengths = Page.byCursor(items(2), 2, "c").map(String::length);
        assertEquals(List.of(2, 2), lengths.items());
        assertNull(lengths.page());
        assertNull(lengths.total());
        assertEquals("c", lengths.nextCursor());
    }
}
