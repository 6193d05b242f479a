package io.oppsuite.common.problem;

import io.quarkiverse.resteasy.problem.HttpProblem;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The one way every service reports a failure: RFC 9457 problem details built on
 * quarkus-resteasy-problem. Each factory names the problem type so clients can branch on
 * {@code type} rather than on the human-readable title.
 */
public final class Problems {

    static final String TYPE_BASE = "https://oppsuite.io/problems/";

    private Problems() {
    }

    public static HttpProblem notFound(String what, Object id) {
        return base(Response.Status.NOT_FOUND, "not-found", what + " not found")
                .withDetail(what + " " + id + " does not exist")
                .build();
    }

    public static HttpProblem badRequest(String detail) {
        return base(Response.Status.BAD_REQUEST, "bad-request", "Bad request").withDetail(detail).build();
    }

    /**
     * A body that failed bean validation after the endpoint read it (e.g. a PATCH's merged document): the same
     * {@code violations} the framework answers for a body it validates itself, each {@code in: body}.
     */
    public static HttpProblem invalidBody(java.util.Set<? extends jakarta.validation.ConstraintViolation<?>> violations) {
        List<Map<String, String>> listed = violations.stream()
                .map(v -> Map.of("field", v.getPropertyPath().toString(), "in", "body", "message", v.getMessage()))
                .sorted(java.util.Comparator.comparing((Map<String, String> v) -> v.get("field")).thenComparing(v -> v.get("message")))
                .toList();
        return base(Response.Status.BAD_REQUEST, "bad-request", "Bad Request").with("violations", listed).build();
    }

    /** A query or header value the endpoint cannot take; {@code parameter} names it. */
    public static HttpProblem badParameter(String parameter, String detail) {
        return base(Response.Status.BAD_REQUEST, "bad-parameter", "Bad request parameter").withDetail(detail)
                .with("parameter", parameter).build();
    }

    /** Any other status with a type of ours (e.g. 413, 414, 431 from the request bounds). */
    public static HttpProblem status(int status, String type, String title, String detail, Map<String, ?> extensions) {
        return withExtensions(base(status, type, title).withDetail(detail), extensions).build();
    }

    public static HttpProblem forbidden(String detail) {
        return base(Response.Status.FORBIDDEN, "forbidden", "Forbidden").withDetail(detail).build();
    }

    public static HttpProblem conflict(String type, String title, String detail, Map<String, ?> extensions) {
        return withExtensions(base(Response.Status.CONFLICT, type, title).withDetail(detail), extensions).build();
    }

    public static HttpProblem unprocessable(String type, String title, String detail, Map<String, ?> extensions) {
        return withExtensions(base(422, type, title).withDetail(detail), extensions).build();
    }

    /** A write based on a version the client saw that is no longer current (If-Match / version field). */
    public static HttpProblem stale(Object id, long expected, long actual) {
        return base(Response.Status.PRECONDITION_FAILED, "stale-version", "Stale version")
                .withDetail("Resource " + id + " is at version " + actual + ", the request was based on version " + expected)
                .with("currentVersion", actual)
                .build();
    }

    /** A write to an existing record without If-Match (RFC 6585 428). */
    public static HttpProblem preconditionRequired(String detail) {
        return base(428, "precondition-required", "If-Match required").withDetail(detail).build();
    }

    /** If-Match with a weak validator: a write compares strongly, so it never matches (412). */
    public static HttpProblem weakValidator() {
        return base(Response.Status.PRECONDITION_FAILED, "weak-validator", "Weak validator refused")
                .withDetail("If-Match on a write must be a strong ETag, e.g. \"3\", not W/\"3\"").build();
    }

    /**
     * A write that lost its optimistic-lock check at flush: another request changed the record
     * after this one read it. Still a stale version (412); {@code currentVersion} when known.
     */
    public static HttpProblem staleAtWrite(String detail) {
        return base(Response.Status.PRECONDITION_FAILED, "stale-version", "Stale version").withDetail(detail).build();
    }

    /** Concurrent writers raced on one row; the loser gets this instead of a silent overwrite. */
    public static HttpProblem concurrentModification(String detail) {
        return base(Response.Status.CONFLICT, "concurrent-modification", "Concurrent modification").withDetail(detail).build();
    }

    /**
     * An unexpected failure (a bug, not the client's doing nor an outage): 500, with an {@code errorId}
     * the server logged the failure under. The detail names no internals.
     */
    public static HttpProblem internalError(String errorId) {
        return base(Response.Status.INTERNAL_SERVER_ERROR, "internal-error", "Internal Server Error")
                .withDetail("the request failed unexpectedly; quote error id " + errorId + " when reporting it")
                .with("errorId", errorId)
                .build();
    }

    public static HttpProblem serviceUnavailable(String detail, int retryAfterSeconds) {
        return base(Response.Status.SERVICE_UNAVAILABLE, "dependency-unavailable", "Service unavailable")
                .withDetail(detail)
                .withHeader("Retry-After", String.valueOf(retryAfterSeconds))
                .build();
    }

    private static HttpProblem.Builder base(Response.Status status, String type, String title) {
        return base(status.getStatusCode(), type, title);
    }

    private static HttpProblem.Builder base(int status, String type, String title) {
        return HttpProblem.builder()
                .withType(URI.create(TYPE_BASE + type))
                .withStatus(status)
                .withTitle(title);
    }

    private static HttpProblem.Builder withExtensions(HttpProblem.Builder builder, Map<String, ?> extensions) {
        if (extensions != null) {
            extensions.forEach(builder::with);
        }
        return builder;
    }
}
