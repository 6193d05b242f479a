package io.oppsuite.common.tenancy;

import io.quarkus.security.UnauthorizedException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Reads the verified JWT of the current request into a {@link Caller}. */
@RequestScoped
public class CallerContext {

    public static final String TENANT_CLAIM = "tenant";
    public static final String DEPARTMENT_CLAIM = "department";

    @Inject
    JsonWebToken jwt;

    public Caller current() {
        if (jwt == null || jwt.getRawToken() == null) {
            throw new UnauthorizedException("a bearer token is required");
        }
        // the parser (VerifiedTokenCache) refused tokens without usable claims already; this is the same rule
        if (TokenClaims.problem(jwt, java.time.Instant.now()) != null) {
            throw new UnauthorizedException("the token's claims are not usable");
        }
        return new Caller(TokenClaims.string(jwt.getClaim(TENANT_CLAIM)), jwt.getSubject(),
                TokenClaims.string(jwt.getClaim(DEPARTMENT_CLAIM)), jwt.getGroups());
    }
}
