package io.oppsuite.common.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oppsuite.common.problem.Problems;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.oppsuite.common.tenancy.Caller;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code Idempotency-Key} for creates: a retry with the same key returns the first answer (status,
 * body, Location and ETag) and writes nothing. A key belongs to its caller (tenant and token
 * subject: another user's key is just a new key) and expires after {@link #TTL}. The key row is
 * inserted in the same transaction as the write; a concurrent request with the same key waits on
 * the unique index until the first commits, then reads its answer. A failed write rolls the key
 * back, so the client may retry.
 */
@ApplicationScoped
public class IdempotentRequests {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    private static final int MAX_KEY_LENGTH = 200;
    /** How long a key is remembered; after that the same key is a new request. */
    public static final Duration TTL = Duration.ofHours(24);

    @Inject
    ObjectMapper mapper;

    /** Must be called within the write's transaction. */
    public Uni<Response> once(Caller caller, String key, Object request, Supplier<Uni<Response>> write) {
        if (key == null || key.isBlank()) {
            return write.get();
        }
        if (key.length() > MAX_KEY_LENGTH) {
            return Uni.createFrom().failure(Problems.badRequest(HEADER + " is longer than " + MAX_KEY_LENGTH + " characters"));
        }
        String tenantId = caller.tenantId();
        String subject = caller.employeeId();
        String fingerprint = fingerprint(request);
        // an expired key is taken over as if it were new
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into idempotency_record (tenant_id, subject, idem_key, request_hash, created_at) values (?1, ?2, ?3, ?4, now())
                        on conflict (tenant_id, subject, idem_key) do update set request_hash = excluded.request_hash,
                            status_code = null, response_body = null, location = null, etag = null, created_at = now()
                        where idempotency_record.created_at < now() - ?5 * interval '1 second'""")
                .setParameter(1, tenantId).setParameter(2, subject).setParameter(3, key).setParameter(4, fingerprint)
                .setParameter(5, TTL.toSeconds())
                .executeUpdate()
                .chain(inserted -> inserted == 1
                        ? write.get().call(response -> remember(tenantId, subject, key, response))
                        : replay(tenantId, subject, key, fingerprint)));
    }

    private Uni<Void> remember(String tenantId, String subject, String key, Response response) {
        String body = toJson(response.getEntity());
        String location = response.getLocation() == null ? null : response.getLocation().toString();
        String etag = response.getHeaderString(HttpHeaders.ETAG);
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        update idempotency_record set status_code = ?4, response_body = ?5, location = ?6, etag = ?7
                        where tenant_id = ?1 and subject = ?2 and idem_key = ?3""")
                .setParameter(1, tenantId).setParameter(2, subject).setParameter(3, key)
                .setParameter(4, response.getStatus()).setParameter(5, body).setParameter(6, location).setParameter(7, etag)
                .executeUpdate()).replaceWithVoid();
    }

    @SuppressWarnings("unchecked")
    private Uni<Response> replay(String tenantId, String subject, String key, String fingerprint) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select request_hash, status_code, response_body, location, etag from idempotency_record
                        where tenant_id = ?1 and subject = ?2 and idem_key = ?3""", Object[].class)
                .setParameter(1, tenantId).setParameter(2, subject).setParameter(3, key)
                .getResultList())
                .map(rows -> {
                    Object[] row = ((List<Object[]>) (List<?>) rows).get(0);
                    if (!fingerprint.equals(row[0])) {
                        throw Problems.unprocessable("idempotency-key-reused", "Idempotency key reused",
                                HEADER + " '" + key + "' was first used with a different request", null);
                    }
                    Response.ResponseBuilder builder = Response.status(((Number) row[1]).intValue())
                            .header(REPLAYED_HEADER, "true");
                    if (row[2] != null) {
                        builder.entity(row[2]).type(MediaType.APPLICATION_JSON_TYPE);
                    }
                    if (row[3] != null) {
                        builder.header("Location", row[3]);
                    }
                    if (row[4] != null) {
                        // stored as sent (quoted): header(), not tag(), which would quote it again
                        builder.header(HttpHeaders.ETAG, row[4]);
                    }
                    return builder.build();
                });
    }

    private String fingerprint(Object request) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(toJson(request).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String toJson(Object value) {
        try {
            return value == null ? null : mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response not serializable", e);
        }
    }
}
