package io.oppsuite.common.web;

import jakarta.ws.rs.BadRequestException;

/**
 * A query or header value that cannot be what the parameter takes. A WebApplicationException, so
 * that RESTEasy Reactive passes it on from a parameter converter rather than turning it into a 404.
 */
public class BadParameterException extends BadRequestException {

    private final String parameter;

    public BadParameterException(String parameter, String detail) {
        super(detail);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
