package io.oppsuite.common.tenancy;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class VerifiedTokenCacheTest {

    static final String ISSUER = "https://oppsuite.io/issuer";
    static final KeyPair KEYS = keys();
    static final KeyPair OTHER_KEYS = keys();

    static KeyPair keys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    final VerifiedTokenCache parser = new VerifiedTokenCache(new DefaultJWTParser(strictContext()));

    /** The verifier's own leeway after exp set to none, so "expired" means expired. */
    static JWTAuthContextInfo strictContext() {
        JWTAuthContextInfo context = new JWTAuthContextInfo(KEYS.getPublic(), ISSUER);
        context.setExpGracePeriodSecs(0);
        context.setClockSkew(0);
        return context;
    }

    static String token(KeyPair keys, long expiresAt) {
        return Jwt.issuer(ISSUER).subject("alice").claim("tenant", "t1").expiresAt(expiresAt).sign(keys.getPrivate());
    }

    @Test
    void aVerifiedTokenIsVerifiedOnce() throws Exception {
        String token = token(KEYS, Instant.now().plusSeconds(600).getEpochSecond());
        var first = parser.parse(token);
        assertEquals("alice", first.getSubject());
        assertSame(first, parser.parse(token));
    }

    @Test
    void aForgedTokenIsRefusedEvenWhenTheGenuineOneIsKnown() throws Exception {
        long exp = Instant.now().plusSeconds(600).getEpochSecond();
        String genuine = token(KEYS, exp);
        parser.parse(genuine);
        assertThrows(ParseException.class, () -> parser.parse(token(OTHER_KEYS, exp)));
        String[] parts = genuine.split("\\.");
        String tampered = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        assertThrows(ParseException.class, () -> parser.parse(tampered));
    }

    @Test
    void aKnownTokenIsRefusedOnceItExpires() throws Exception {
        String token = token(KEYS, Instant.now().plusSeconds(2).getEpochSecond());
        parser.parse(token);
        Thread.sleep(3000);
        assertThrows(ParseException.class, () -> parser.parse(token));
    }
}
