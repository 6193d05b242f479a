package io.oppsuite.opportunity.webhook;

import java.net.IDN;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Which URLs a webhook may target: http(s) with a host, no credentials in it, and (unless
 * {@code allowPrivate}) no address a server-side request should never reach: loopback,
 * private, link-local (cloud metadata), unspecified or multicast. Checked at registration and
 * again before each attempt, since a name may resolve differently later.
 */
public final class WebhookTargets {

    private WebhookTargets() {
    }

    /** Why the URL may not be a target, or null when it may. */
    public static String refusal(String url, boolean allowPrivate) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (Exception e) {
            return "not a URL";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return "the scheme must be https or http";
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            return "the URL has no host";
        }
        if (uri.getUserInfo() != null) {
            return "the URL may not carry credentials";
        }
        if (allowPrivate) {
            return null;
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(IDN.toASCII(uri.getHost()))) {
                if (internal(address)) {
                    return "the host resolves to a loopback, private or link-local address";
                }
            }
        } catch (UnknownHostException e) {
            return "the host does not resolve";
        } catch (IllegalArgumentException e) {
            return "the host is not a valid name";
        }
        return null;
    }

    /**
     * {@link #refusal} off the event loop: resolving the host is a blocking lookup, so it runs on a
     * worker and the answer comes back on the caller's context.
     */
    public static io.smallrye.mutiny.Uni<String> refusalOffLoop(io.vertx.mutiny.core.Vertx vertx, String url, boolean allowPrivate) {
        return vertx.executeBlocking(io.smallrye.mutiny.Uni.createFrom().item(() -> refusal(url, allowPrivate)));
    }

    static boolean internal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet6Address) {
            return (b[0] & 0xfe) == 0xfc; // unique local fc00::/7
        }
        // carrier-grade NAT 100.64.0.0/10
        return (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
    }
}
