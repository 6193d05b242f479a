package io.oppsuite.common.tenancy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import javax.crypto.SecretKey;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;

/**
 * The bearer-token parser of every service: verifies a token once and keeps it, by its exact text,
 * until it expires. A client sends the same token with each request until it expires, and the RSA
 * signature check and claim parsing were 8-10% of a service's CPU under load (JFR). The same text
 * carries the same signature, so nothing is accepted that was not verified; an expired token is
 * handed back to the verifier, which refuses it. A verified token whose claims are unusable
 * ({@link TokenClaims}) is refused here too, so every service answers it 401.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokenCache implements JWTParser {

    private final DefaultJWTParser verifier;
    private final Cache<String, JsonWebToken> verified = Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterWrite(Duration.ofMinutes(10)).build();

    /** {@code verifier}: the extension's own parser, with the configured key, issuer and principal factory. */
    @Inject
    public VerifiedTokenCache(DefaultJWTParser verifier) {
        this.verifier = verifier;
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        JsonWebToken known = verified.getIfPresent(token);
        if (known != null && Instant.now().getEpochSecond() < known.getExpirationTime()) {
            return known;
        }
        JsonWebToken jwt = verifier.parse(token);
        String unusable = TokenClaims.problem(jwt, Instant.now());
        if (unusable != null) {
            throw new ParseException(unusable);
        }
        verified.put(token, jwt);
        return jwt;
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return verifier.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return verifier.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return verifier.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return verifier.parseOnly(token);
    }
}
