package io.oppsuite.common.web;

import io.oppsuite.common.problem.Problems;

/** Entity versions as weak-free ETags: {@code ETag: "7"}, {@code If-Match: "7"}. */
public final class Preconditions {

    private Preconditions() {
    }

    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    /** The version an If-Match header names, or null when absent; a malformed one is a 400. */
    public static Long ifMatchVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        String value = ifMatch.trim();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        value = value.replace("\"", "");
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw Problems.badRequest("If-Match must be an ETag this service issued, e.g. \"3\"");
        }
    }

    /** Throws 412 when the client based its write on an older version. */
    public static void requireVersion(Object id, Long expected, long actual) {
        if (expected != null && expected != actual) {
            throw Problems.stale(id, expected, actual);
        }
    }
}
