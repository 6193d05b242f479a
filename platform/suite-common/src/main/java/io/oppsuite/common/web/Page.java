package io.oppsuite.common.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.oppsuite.common.problem.Problems;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list: the one shape every list endpoint of the suite answers ({@code Page<ItemView>},
 * in OpenAPI {@code PageItemView}). By page number: {@code page} (from 0), {@code size} and {@code total}
 * (every match, not just this page). By cursor (keyset paging): neither page nor total (counting every
 * match would undo what keyset paging saves). {@code nextCursor}, where a list offers cursors, continues
 * after the last item; it is absent on the last page. Absent members are left out of the JSON.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "One page of a list: page (from 0), size and total (every match) when paged by number; "
        + "nextCursor, where the list offers cursors, continues after the last item (absent on the last page)")
public record Page<T>(List<T> items, Integer page, int size, Long total, String nextCursor) {

    /** The largest page any list answers. */
    public static final int MAX_SIZE = 200;

    /** A page by number. */
    public static <T> Page<T> of(List<T> items, int page, int size, long total) {
        return new Page<>(items, page, size, total, null);
    }

    /** The page {@code page} of every match, cut here (the matches were found in memory). */
    public static <T> Page<T> slice(List<T> matching, int page, int size) {
        long from = (long) page * size;
        if (from >= matching.size()) {
            return of(List.of(), page, size, matching.size());
        }
        int to = (int) Math.min(matching.size(), from + size);
        return of(List.copyOf(matching.subList((int) from, to)), page, size, matching.size());
    }

    /** A page by cursor: no number, no total. */
    public static <T> Page<T> byCursor(List<T> items, int size, String nextCursor) {
        return new Page<>(items, null, size, null, nextCursor);
    }

    /** The same page of other items (entities to their views). */
    public <R> Page<R> map(Function<? super T, ? extends R> view) {
        return new Page<>(items.stream().<R>map(view).toList(), page, size, total, nextCursor);
    }

    /** 400 unless {@code page} and {@code size} are in range (for callers that are not resources with Bean Validation). */
    public static void check(int page, int size) {
        if (page < 0 || size < 1 || size > MAX_SIZE) {
            throw Problems.badRequest("page must be >= 0 and size between 1 and " + MAX_SIZE);
        }
    }
}
