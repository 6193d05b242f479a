package io.oppsuite.opportunity.webhook;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Sends due deliveries. Each tick, one replica (transaction-scoped advisory lock) takes the
 * oldest pending delivery of each (endpoint, opportunity) whose time has come, leases it
 * (pushes its next attempt past the timeout, so nobody else sends it meanwhile) and commits;
 * then sends them all at once, outside any transaction, and records each attempt: 2xx is
 * DELIVERED, anything else is retried with exponential backoff until
 * {@code opportunity.webhooks.max-attempts}, then FAILED (the next event of that opportunity
 * goes on). Only the oldest pending delivery per opportunity is ever in flight, so an endpoint
 * receives one opportunity's events in order.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    /** Arbitrary constant: the advisory lock of the webhook dispatcher. */
    static final long DISPATCH_LOCK = 0x7765626877686b31L;
    /** Receivers' answers are logged up to this many characters. */
    static final int ERROR_TEXT = 500;

    @Inject
    Vertx vertx;

    @Inject
    WebhookSettings settings;

    WebClient client;

    @PostConstruct
    void start() {
        client = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false).setUserAgent("oppsuite-webhooks")
                .setConnectTimeout((int) settings.timeout().toMillis()));
    }

    @PreDestroy
    void stop() {
        client.close();
    }

    /** One due delivery, read in the leasing transaction with what sending it needs. */
    record Due(UUID id, String url, String secret, String payload, int attempts) {
    }

    record Outcome(Due due, Instant at, Integer status, String error, long durationMs) {
        boolean delivered() {
            return status != null && status >= 200 && status < 300;
        }
    }

    @Scheduled(every = "${opportunity.webhooks.every:1s}", delayed = "3s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return dispatch().onFailure().recoverWithItem(e -> {
            LOG.warnf("webhook dispatch failed, next tick retries: %s", e.toString());
            return 0;
        }).replaceWithVoid();
    }

    /** One round; the number of attempts made. */
    public Uni<Integer> dispatch() {
        return lease().chain(due -> due.isEmpty() ? Uni.createFrom().item(0)
                : Uni.join().all(due.stream().map(this::send).toList()).andFailFast()
                        .chain(outcomes -> Panache.withTransaction(() -> record(outcomes)).replaceWith(outcomes.size())));
    }

    @SuppressWarnings("unchecked")
    private Uni<List<Due>> lease() {
        Instant leaseUntil = Instant.now().plus(settings.timeout()).plusSeconds(30);
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(s -> s.createNativeQuery("select pg_try_advisory_xact_lock(?1)", Boolean.class).setParameter(1, DISPATCH_LOCK)
                        .getSingleResult()
                        .chain(locked -> !locked ? Uni.createFrom().item(List.<Due>of()) : s.createNativeQuery("""
                                        with due as (
                                            select d.id from webhook_delivery d
                                            where d.status = 'PENDING' and d.next_attempt_at <= now()
                                              and not exists (select 1 from webhook_delivery o
                                                              where o.endpoint_id = d.endpoint_id and o.order_key = d.order_key
                                                                and o.status = 'PENDING' and o.seq < d.seq)
                                            order by d.seq
                                            limit ?1)
                                        update webhook_delivery d set next_attempt_at = ?2
                                        from due, webhook_endpoint e
                                        where d.id = due.id and e.id = d.endpoint_id
                                        returning cast(d.id as text), e.url, e.secret, d.payload, d.attempts""", Object[].class)
                                .setParameter(1, settings.batch())
                                .setParameter(2, leaseUntil)
                                .getResultList()
                                .map(rows -> ((List<Object[]>) (List<?>) rows).stream()
                                        .map(r -> new Due(UUID.fromString((String) r[0]), (String) r[1], (String) r[2], (String) r[3],
                                                ((Number) r[4]).intValue()))
                                        .toList()))));
    }

    /** One attempt; never fails: a refused target, a timeout or a lost connection is an outcome like any status. */
    Uni<Outcome> send(Due due) {
        return WebhookTargets.refusalOffLoop(vertx, due.url(), settings.allowPrivateTargets()).chain(refusal -> refusal == null ? post(due)
                : Uni.createFrom().item(new Outcome(due, Instant.now(), null, "target refused: " + refusal, 0)));
    }

    private Uni<Outcome> post(Due due) {
        Instant at = Instant.now();
        long started = System.nanoTime();
        long timestamp = at.getEpochSecond();
        String id = due.id().toString();
        return client.requestAbs(HttpMethod.POST, due.url())
                .timeout(settings.timeout().toMillis())
                .putHeader("content-type", "application/json")
                .putHeader("webhook-id", id)
                .putHeader("webhook-timestamp", String.valueOf(timestamp))
                .putHeader("webhook-signature", WebhookSignature.sign(due.secret(), id, timestamp, due.payload()))
                .sendBuffer(Buffer.buffer(due.payload()))
                .map(response -> new Outcome(due, at, response.statusCode(), failureText(response), elapsed(started)))
                .onFailure().recoverWithItem(e -> new Outcome(due, at, null, abbreviate(e.toString()), elapsed(started)));
    }

    private Uni<Void> record(List<Outcome> outcomes) {
        return io.oppsuite.common.events.EventInbox.inTurn(outcomes, o -> {
            WebhookAttempt attempt = new WebhookAttempt();
            attempt.deliveryId = o.due().id();
            attempt.attemptedAt = o.at().truncatedTo(ChronoUnit.MICROS);
            attempt.statusCode = o.status();
            attempt.error = o.error();
            attempt.durationMs = o.durationMs();
            return attempt.persist().chain(() -> WebhookDelivery.<WebhookDelivery>findById(o.due().id())).chain(d -> {
                if (d == null) {
                    return Uni.createFrom().voidItem(); // its endpoint was deleted meanwhile
                }
                d.attempts = o.due().attempts() + 1;
                if (o.delivered()) {
                    d.status = WebhookDelivery.Status.DELIVERED;
                    d.deliveredAt = o.at().truncatedTo(ChronoUnit.MICROS);
                    d.lastError = null;
                } else {
                    d.lastError = o.status() == null ? o.error() : "HTTP " + o.status() + (o.error() == null ? "" : ": " + o.error());
                    if (d.attempts >= settings.maxAttempts()) {
                        d.status = WebhookDelivery.Status.FAILED;
                        LOG.warnf("webhook delivery %s gave up after %d attempts: %s", d.id, d.attempts, d.lastError);
                    } else {
                        d.nextAttemptAt = Instant.now().plus(backoff(d.attempts)).truncatedTo(ChronoUnit.MICROS);
                    }
                }
                return d.persist().replaceWithVoid();
            });
        });
    }

    /** After the n-th failed attempt: initial × 2^(n-1), at most the maximum. */
    Duration backoff(int failedAttempts) {
        Duration wait = settings.initialBackoff();
        for (int i = 1; i < failedAttempts && wait.compareTo(settings.maxBackoff()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : wait;
    }

    private static String failureText(HttpResponse<Buffer> response) {
        if (response.statusCode() >= 200 && response.statusCode() < 300) {
            return null;
        }
        return abbreviate(response.bodyAsString());
    }

    private static long elapsed(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static String abbreviate(String s) {
        return s == null ? null : s.length() <= ERROR_TEXT ? s : s.substring(0, ERROR_TEXT);
    }
}
