package io.oppsuite.opportunity.holding;

/** A non-2xx answer of holding-service, with its (problem) body. */
public class HoldingServiceException extends RuntimeException {

    private final int status;
    private final String body;

    public HoldingServiceException(int status, String body) {
        super("holding-service answered " + status + (body == null ? "" : ": " + body));
        this.status = status;
        this.body = body;
    }

    public int status() {
        return status;
    }

    public String body() {
        return body;
    }
}
