package io.oppsuite.common.web;

import io.oppsuite.common.problem.Problems;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks every request of every service before it reaches a resource, so that no endpoint has to:
 * no path segment or query value carries a control character such as NUL (400; PostgreSQL cannot
 * store NUL), and a page is not so far out that page × size leaves {@link #MAX_OFFSET} (400; it
 * would overflow or scan without end). Sizes are {@link HttpLimits}'.
 */
public class RequestBounds {

    /** page × size may not exceed this: paging that far is a search, not a page. */
    public static final long MAX_OFFSET = 1_000_000;
    static final int DEFAULT_PAGE_SIZE = 50;
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    @ServerRequestFilter(preMatching = true)
    public Response check(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (CONTROL.matcher(path).find()) {
            return Problems.badRequest("the path contains a control character").toResponse();
        }
        MultivaluedMap<String, String> query = request.getUriInfo().getQueryParameters();
        for (Map.Entry<String, List<String>> q : query.entrySet()) {
            if (CONTROL.matcher(q.getKey()).find()) {
                return Problems.badRequest("a query parameter name contains a control character").toResponse();
            }
            for (String value : q.getValue()) {
                if (CONTROL.matcher(value).find()) {
                    return parameter(q.getKey(), "query parameter '" + q.getKey() + "' contains a control character");
                }
            }
        }
        return paging(query.getFirst("page"), query.getFirst("size"));
    }

    /** page × size within {@link #MAX_OFFSET}; values that are no integers are left to the parameter converters. */
    static Response paging(String page, String size) {
        if (page == null) {
            return null;
        }
        long p;
        long s;
        try {
            p = Long.parseLong(page.strip());
            s = size == null ? DEFAULT_PAGE_SIZE : Long.parseLong(size.strip());
        } catch (NumberFormatException e) {
            return null;
        }
        if (p > 0 && s > 0 && (p > MAX_OFFSET || p * s > MAX_OFFSET)) {
            return parameter("page", "page × size may not exceed " + MAX_OFFSET + " (page " + page.strip() + ", size " + s + ")");
        }
        return null;
    }

    private static Response parameter(String name, String detail) {
        return Problems.badParameter(name, detail).toResponse();
    }
}
