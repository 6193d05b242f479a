package io.oppsuite.opportunity.webhook;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookSigningException;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Standard Webhooks signing (standardwebhooks.com), by the spec's own Java library: the secret is
 * {@code whsec_} + base64 of the key; {@code webhook-signature} is {@code v1,} +
 * base64(HMAC-SHA256(key, id + "." + timestamp + "." + body)), sent with {@code webhook-id} and
 * {@code webhook-timestamp} (epoch seconds). A receiver verifies with the same library.
 */
public final class WebhookSignature {

    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSignature() {
    }

    /** A new secret: 24 random bytes. */
    public static String newSecret() {
        byte[] key = new byte[24];
        RANDOM.nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    public static String sign(String secret, String id, long timestamp, String body) {
        try {
            return new Webhook(secret).sign(id, timestamp, body);
        } catch (WebhookSigningException | RuntimeException e) {
            throw new IllegalStateException("cannot sign webhook " + id, e);
        } catch (Exception e) {
            throw new IllegalStateException("webhook secret of " + id + " is empty", e);
        }
    }
}
