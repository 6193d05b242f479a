package io.oppsuite.common.web;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Map;

/**
 * The HTTP limits of every service, answered as problem documents: a body over
 * {@code quarkus.http.limits.max-body-size} (413), a URI over {@link #MAX_URI_LENGTH} (414), headers
 * over {@link #MAX_HEADER_BYTES} (431). Checked first on every route (the HTTP layer's own limits,
 * set higher, would answer with an empty body), and a 413 the body reader raises later gets a
 * problem body too.
 */
@ApplicationScoped
public class HttpLimits {

    /** Longest request URI accepted; the HTTP layer's limit (quarkus.http.limits.max-initial-line-length) is above it. */
    public static final int MAX_URI_LENGTH = 16 * 1024;
    /** Most bytes of request headers accepted; the HTTP layer's limit (quarkus.http.limits.max-header-size) is above it. */
    public static final int MAX_HEADER_BYTES = 16 * 1024;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10M")
    MemorySize maxBody;

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::check).failureHandler(this::failed);
    }

    void check(RoutingContext ctx) {
        if (ctx.request().uri().length() > MAX_URI_LENGTH) {
            answer(ctx, 414, "uri-too-long", "URI too long", "the request URI is longer than " + MAX_URI_LENGTH + " characters");
            return;
        }
        long headerBytes = 0;
        for (Map.Entry<String, String> h : ctx.request().headers()) {
            headerBytes += h.getKey().length() + h.getValue().length() + 4;
        }
        if (headerBytes > MAX_HEADER_BYTES) {
            answer(ctx, 431, "headers-too-large", "Request header fields too large",
                    "the request headers are larger than " + MAX_HEADER_BYTES + " bytes");
            return;
        }
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            try {
                long declared = Long.parseLong(length.strip());
                if (declared > maxBody.asLongValue()) {
                    // a body within a few times the limit is read and dropped, so the client reads the answer
                    // on a connection it can keep; a bigger one is not worth reading: the connection closes
                    if (declared > 8 * maxBody.asLongValue()) {
                        ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
                    }
                    tooLarge(ctx);
                    return;
                }
            } catch (NumberFormatException e) {
                answer(ctx, 400, "bad-request", "Bad request", "Content-Length is not a number");
                return;
            }
        }
        ctx.next();
    }

    void failed(RoutingContext ctx) {
        if (ctx.statusCode() == 413 && !ctx.response().headWritten()) {
            tooLarge(ctx);
        } else {
            ctx.next();
        }
    }

    private void tooLarge(RoutingContext ctx) {
        answer(ctx, 413, "body-too-large", "Request body too large", "the request body is larger than " + maxBody.asLongValue() + " bytes");
    }

    private static void answer(RoutingContext ctx, int status, String type, String title, String detail) {
        // written by hand: this runs on the event loop before (or after) the REST layer; the texts are ours
        String body = "{\"type\":\"https://oppsuite.io/problems/" + type + "\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail + "\"}";
        ctx.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                .end(body);
    }
}
