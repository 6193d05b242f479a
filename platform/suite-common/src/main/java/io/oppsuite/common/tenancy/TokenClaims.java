package io.oppsuite.common.tenancy;

import jakarta.json.JsonString;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * The claims every service relies on, checked once when a token is verified: a token signed by
 * the issuer but without them is refused (401) like a forged one, before any resource sees it.
 * <ul>
 * <li>{@code tenant}: a JSON string matching {@link #TENANT_PATTERN} (the tenant id every row and query carries);</li>
 * <li>{@code sub}: present, at most 120 characters, without control characters;</li>
 * <li>{@code department}: absent, or a string like {@code sub};</li>
 * <li>{@code iat}: present and at most {@link #CLOCK_SKEW} ahead of this service's clock.</li>
 * </ul>
 */
public final class TokenClaims {

    /** Letters, digits, '.', '_' and '-', starting with a letter or digit; 1-64 characters. */
    public static final Pattern TENANT_PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(1);
    private static final Pattern IDENTIFIER = Pattern.compile("[^\\p{Cntrl}]{1,120}");

    private TokenClaims() {
    }

    /** Why the token is refused, or null when its claims are usable. */
    public static String problem(JsonWebToken jwt, Instant now) {
        String tenant = string(jwt.getClaim(CallerContext.TENANT_CLAIM));
        if (tenant == null || !TENANT_PATTERN.matcher(tenant).matches()) {
            return "the 'tenant' claim must be a string matching " + TENANT_PATTERN.pattern();
        }
        String subject = jwt.getSubject();
        if (subject == null || subject.isBlank() || !IDENTIFIER.matcher(subject).matches()) {
            return "the 'sub' claim must name the caller (1-120 characters, no control characters)";
        }
        Object department = jwt.getClaim(CallerContext.DEPARTMENT_CLAIM);
        if (department != null) {
            String name = string(department);
            if (name == null || !IDENTIFIER.matcher(name).matches()) {
                return "the 'department' claim must be a string (1-120 characters, no control characters)";
            }
        }
        long issuedAt = jwt.getIssuedAtTime();
        if (issuedAt <= 0 || Instant.ofEpochSecond(issuedAt).isAfter(now.plus(CLOCK_SKEW))) {
            return "the 'iat' claim must be present and not in the future";
        }
        return null;
    }

    /** The claim's text when it is a JSON string (never a number's, array's or object's JSON text). */
    static String string(Object claim) {
        if (claim instanceof JsonString json) {
            return json.getString();
        }
        return claim instanceof String text ? text : null;
    }
}
