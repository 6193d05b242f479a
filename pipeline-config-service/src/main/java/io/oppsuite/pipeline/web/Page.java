package io.oppsuite.pipeline.web;

import io.oppsuite.common.problem.Problems;

import java.util.List;

/** One page of a listing: {@code page} is zero-based, {@code total} counts every item. */
public record Page<T>(List<T> items, int page, int size, long total) {

    public static final int MAX_SIZE = 200;

    public static void check(int page, int size) {
        if (page < 0 || size < 1 || size > MAX_SIZE) {
            throw Problems.badRequest("page must be >= 0 and size between 1 and " + MAX_SIZE);
        }
    }
}
