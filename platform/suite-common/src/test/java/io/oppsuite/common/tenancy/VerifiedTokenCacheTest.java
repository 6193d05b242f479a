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
        // 5 s: the first parse must see it valid even on a loaded machine
        String token = token(KEYS, Instant.now().plusSeconds(5).getEpochSecond());
        parser.parse(token);
        Thread.sleep(6000);
        assertThrows(ParseException.class, () -> parser.parse(token));
    }

    static String withClaims(java.util.Map<String, Object> claims) {
        return Jwt.claims(claims).issuer(ISSUER).expiresIn(600).sign(KEYS.getPrivate());
    }

    @Test
    void aTokenWithoutUsableClaimsIsRefusedThoughItsSignatureHolds() throws Exception {
        long now = Instant.now().getEpochSecond();
        assertEquals("t-1", parser.parse(withClaims(java.util.Map.of("sub", "alice", "tenant", "t-1"))).getClaim("tenant").toString()
                .replace("\"", ""));
        parser.parse(withClaims(java.util.Map.of("sub", "alice", "tenant", "t-1", "iat", now + 50)));
        for (java.util.Map<String, Object> claims : java.util.List.<java.util.Map<String, Object>>of(
                java.util.Map.of("sub", "alice"),
                java.util.Map.of("sub", "alice", "tenant", ""),
                java.util.Map.of("sub", "alice", "tenant", 42),
                java.util.Map.of("sub", "alice", "tenant", java.util.List.of("t-1")),
                java.util.Map.of("sub", "alice", "tenant", java.util.Map.of("id", "t-1")),
                java.util.Map.of("sub", "alice", "tenant", "t 1; drop"),
                java.util.Map.of("sub", "alice", "tenant", "x".repeat(65)),
                java.util.Map.of("tenant", "t-1"),
                java.util.Map.of("sub", " ", "tenant", "t-1"),
                java.util.Map.of("sub", "alice", "tenant", "t-1", "department", java.util.List.of(1)),
                java.util.Map.of("sub", "alice", "tenant", "t-1", "iat", now + 86_400))) {
            assertThrows(ParseException.class, () -> parser.parse(withClaims(claims)), claims.toString());
        }
    }
}
