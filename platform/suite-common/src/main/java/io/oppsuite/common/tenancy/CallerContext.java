package io.oppsuite.common.tenancy;

import io.oppsuite.common.problem.Problems;
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
        Object tenant = jwt.getClaim(TENANT_CLAIM);
        String subject = jwt.getSubject();
        if (tenant == null || tenant.toString().isBlank() || subject == null || subject.isBlank()) {
            // A token signed by our issuer but lacking scope is a client error, not an auth bypass.
            throw Problems.forbidden("token lacks the 'tenant' or 'sub' claim");
        }
        Object department = jwt.getClaim(DEPARTMENT_CLAIM);
        return new Caller(unquote(tenant.toString()), subject, department == null ? null : unquote(department.toString()), jwt.getGroups());
    }

    private static String unquote(String value) {
        return value.length() > 1 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }
}
