package io.oppsuite.opportunity.webhook;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which URLs a webhook may target, and its signatures, without I/O beyond literal addresses. */
class WebhookRulesTest {

    @Test
    void productionRefusesLoopbackPrivateLinkLocalAndOddUrls() {
        for (String url : new String[]{"http://127.0.0.1/h", "http://localhost:8080/h", "https://10.1.2.3/h", "https://192.168.0.10/h",
                "https://172.16.5.4/h", "http://169.254.169.254/latest/meta-data", "http://[::1]/h", "http://[fd00::1]/h",
                "http://0.0.0.0/h", "https://100.64.0.1/h"}) {
            assertNotNull(WebhookTargets.refusal(url, false), url);
        }
        for (String url : new String[]{"ftp://example.com/h", "https://user:pw@93.184.216.34/h", "not a url", "https:///nohost", "file:/etc/passwd"}) {
            assertNotNull(WebhookTargets.refusal(url, true), url);
        }
        assertNull(WebhookTargets.refusal("https://93.184.216.34/hooks", false));
        assertNull(WebhookTargets.refusal("http://127.0.0.1:9999/h", true), "tests and local runs may target this machine");
    }

    @Test
    void internalAddressesAreRecognised() throws Exception {
        assertTrue(WebhookTargets.internal(InetAddress.getByName("127.0.0.2")));
        assertTrue(WebhookTargets.internal(InetAddress.getByName("fc00::5")));
        assertFalse(WebhookTargets.internal(InetAddress.getByName("8.8.8.8")));
        assertFalse(WebhookTargets.internal(InetAddress.getByName("2001:4860:4860::8888")));
    }

    @Test
    void signaturesFollowStandardWebhooks() throws Exception {
        // the spec's example: secret, msg id, timestamp and payload give this signature
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        String payload = "{\"test\": 2432232314}";
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
                WebhookSignature.sign(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, payload));
        String fresh = WebhookSignature.newSecret();
        assertTrue(fresh.startsWith("whsec_"));
        assertEquals(24, java.util.Base64.getDecoder().decode(fresh.substring(6)).length);
    }

    @Test
    void backoffDoublesUpToTheMaximum() {
        WebhookDispatcher dispatcher = new WebhookDispatcher();
        dispatcher.settings = new WebhookSettings() {
            public boolean allowPrivateTargets() { return false; }
            public int maxAttempts() { return 8; }
            public java.time.Duration initialBackoff() { return java.time.Duration.ofSeconds(5); }
            public java.time.Duration maxBackoff() { return java.time.Duration.ofSeconds(30); }
            public java.time.Duration timeout() { return java.time.Duration.ofSeconds(10); }
            public int batch() { return 100; }
        };
        assertEquals(5, dispatcher.backoff(1).toSeconds());
        assertEquals(10, dispatcher.backoff(2).toSeconds());
        assertEquals(20, dispatcher.backoff(3).toSeconds());
        assertEquals(30, dispatcher.backoff(4).toSeconds());
        assertEquals(30, dispatcher.backoff(20).toSeconds());
    }
}
