package io.oppsuite.common.web;

import io.oppsuite.common.problem.Problems;

/**
 * Optimistic concurrency, the one way in every service: entity versions as strong ETags
 * ({@code ETag: "7"}), and every write to an existing record names the version it is based on
 * ({@code If-Match: "7"}). Missing: 428; a weak validator ({@code W/"7"}) never matches a write's
 * strong comparison (RFC 9110 13.1.1): 412; stale: 412 with the current version.
 */
public final class Preconditions {

    private Preconditions() {
    }

    /**
     * The version a write's If-Match names. Required: absent, blank or {@code *} (which guards
     * nothing against a lost update) is a 428; a weak validator a 412; anything this service
     * did not issue a 400.
     */
    public static long ifMatchVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            throw Problems.preconditionRequired("this write needs If-Match with the ETag of the version it is based on, e.g. If-Match: \"3\"");
        }
        return parse(ifMatch);
    }

    /**
     * If-Match where racing callers are the normal case and the losers are told 409 (a claim from
     * a pool): the version when sent, else null.
     */
    public static Long optionalIfMatchVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        return parse(ifMatch);
    }

    private static long parse(String ifMatch) {
        String value = ifMatch.trim();
        if (value.startsWith("W/")) {
            throw Problems.weakValidator();
        }
        if (value.length() < 3 || !value.startsWith("\"") || !value.endsWith("\"")) {
            throw Problems.badRequest("If-Match must be an ETag this service issued, e.g. \"3\"");
        }
        try {
            return Long.parseLong(value.substring(1, value.length() - 1));
        } catch (NumberFormatException e) {
            throw Problems.badRequest("If-Match must be an ETag this service issued, e.g. \"3\"");
        }
    }

    /** Throws 412 with the current version when the client based its write on another version; null expects nothing. */
    public static void requireVersion(Object id, Long expected, long actual) {
        if (expected != null && expected != actual) {
            throw Problems.stale(id, expected, actual);
        }
    }
}
