package io.oppsuite.testsupport;

import io.smallrye.jwt.build.Jwt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Set;

/** Signs test tokens with the dev key pair (deploy/dev-keys), as the suite's issuer would. */
public final class Tokens {

    public static final String ISSUER = "https://oppsuite.io/issuer";
    private static final PrivateKey DEV_KEY = readDevKey();

    private Tokens() {
    }

    public static String issue(String tenant, String employee, String... roles) {
        return Jwt.issuer(ISSUER).subject(employee).upn(employee).groups(Set.of(roles))
                .claim("tenant", tenant).expiresIn(3600).sign(DEV_KEY);
    }

    /** A token with a department claim, e.g. for a manager. */
    public static String inDepartment(String tenant, String employee, String department, String... roles) {
        return Jwt.issuer(ISSUER).subject(employee).upn(employee).groups(Set.of(roles))
                .claim("tenant", tenant).claim("department", department).expiresIn(3600).sign(DEV_KEY);
    }

    /** Signed by the issuer's key with exactly these claims (plus {@code iss}): for tokens whose claims are wrong. */
    public static String withClaims(java.util.Map<String, Object> claims) {
        return Jwt.claims(claims).issuer(ISSUER).expiresIn(3600).sign(DEV_KEY);
    }

    public static String admin(String tenant) {
        return issue(tenant, "admin-1", "admin");
    }

    /** Well-formed, our issuer, but signed by a key nobody trusts. */
    public static String forged(String tenant, String employee, String... roles) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return Jwt.issuer(ISSUER).subject(employee).groups(Set.of(roles)).claim("tenant", tenant)
                    .expiresIn(3600).sign(generator.generateKeyPair().getPrivate());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String expired(String tenant, String employee, String... roles) {
        long now = System.currentTimeMillis() / 1000;
        return Jwt.issuer(ISSUER).subject(employee).groups(Set.of(roles)).claim("tenant", tenant)
                .issuedAt(now - 7200).expiresAt(now - 3600).sign(DEV_KEY);
    }

    private static PrivateKey readDevKey() {
        try (InputStream in = Tokens.class.getClassLoader().getResourceAsStream("oppsuite/dev-jwt-private.pem")) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException | java.security.GeneralSecurityException | NullPointerException e) {
            throw new IllegalStateException("cannot read the dev signing key", e);
        }
    }
}
