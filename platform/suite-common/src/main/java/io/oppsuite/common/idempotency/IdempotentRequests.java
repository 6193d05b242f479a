package io.oppsuite.common.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oppsuite.common.problem.Problems;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code Idempotency-Key} for creates: a retry with the same key returns the first answer
 * and writes nothing. The key row is inserted in the same transaction as the write; a
 * concurrent request with the same key waits on the unique index until the first commits,
 * then reads its answer. A failed write rolls the key back, so the client may retry.
 */
@ApplicationScoped
public class IdempotentRequests {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    private static final int MAX_KEY_LENGTH = 200;

    @Inject
    ObjectMapper mapper;

    /** Must be called within the write's transaction. */
    public Uni<Response> once(String tenantId, String key, Object request, Supplier<Uni<Response>> write) {
        if (key == null || key.isBlank()) {
            return write.get();
        }
        if (key.length() > MAX_KEY_LENGTH) {
            return Uni.createFrom().failure(Problems.badRequest(HEADER + " is longer than " + MAX_KEY_LENGTH + " characters"));
        }
        String fingerprint = fingerprint(request);
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into idempotency_record (tenant_id, idem_key, request_hash) values (?1, ?2, ?3)
                        on conflict do nothing""")
                .setParameter(1, tenantId).setParameter(2, key).setParameter(3, fingerprint)
                .executeUpdate()
                .chain(inserted -> inserted == 1
                        ? write.get().call(response -> remember(tenantId, key, response))
                        : replay(tenantId, key, fingerprint)));
    }

    private Uni<Void> remember(String tenantId, String key, Response response) {
        String body = toJson(response.getEntity());
        String location = response.getLocation() == null ? null : response.getLocation().toString();
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        update idempotency_record set status_code = ?3, response_body = ?4, location = ?5
                        where tenant_id = ?1 and idem_key = ?2""")
                .setParameter(1, tenantId).setParameter(2, key)
                .setParameter(3, response.getStatus()).setParameter(4, body).setParameter(5, location)
                .executeUpdate()).replaceWithVoid();
    }

    @SuppressWarnings("unchecked")
    private Uni<Response> replay(String tenantId, String key, String fingerprint) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select request_hash, status_code, response_body, location from idempotency_record
                        where tenant_id = ?1 and idem_key = ?2""", Object[].class)
                .setParameter(1, tenantId).setParameter(2, key)
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
