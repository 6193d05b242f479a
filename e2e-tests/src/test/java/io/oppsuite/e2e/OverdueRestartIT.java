package io.oppsuite.e2e;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.oppsuite.devstack.DevStack;
import io.oppsuite.testsupport.CloudEvents;
import io.oppsuite.testsupport.SalesProcessFixtures;
import io.oppsuite.testsupport.Tokens;
import io.oppsuite.testsupport.TopicProbe;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The overdue scan emits one opportunity.overdue per stay, not lost and not
 * repeated across restarts. opportunity-service is killed (SIGKILL) while stays are still short of
 * their stage duration, stays down past it, and comes back: every stay is reported once. Killed
 * and started again after reporting, it reports none of them again. (The e2e stack scans every 2 s,
 * see the failsafe configuration.)
 */
class OverdueRestartIT {

    static final int OPPORTUNITIES = 15;
    static final Duration STAGE_DURATION = Duration.ofSeconds(20);

    final String tenant = "overdue-" + UUID.randomUUID().toString().substring(0, 8);
    final String admin = Tokens.admin(tenant);

    @Test
    void eachOverdueStayIsReportedOnceAcrossKillsAndRestarts() throws Exception {
        DevStack stack = Suite.get();
        String bootstrap = stack.broker().bootstrapServers();
        String process = UUID.randomUUID().toString();
        try {
            CloudEvents.publish(bootstrap, "pipeline-config-events", process, UUID.randomUUID().toString(), "sales-process.upserted",
                    tenant, SalesProcessFixtures.JSON.writeValueAsString(SalesProcessFixtures.timed(process, STAGE_DURATION.toString())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        Set<String> ids = new HashSet<>();
        // the first create waits for the process to reach opportunity-service's cache
        await().atMost(Duration.ofSeconds(60)).until(() -> create(stack, process, "first") != null);
        long firstCreated = System.nanoTime();
        Map<String, Long> createdAt = new HashMap<>();
        for (int i = 0; i < OPPORTUNITIES; i++) {
            String id = create(stack, process, "deal " + i);
            ids.add(id);
            createdAt.put(id, System.nanoTime());
        }
        assertEquals(OPPORTUNITIES, ids.size());
        // on a loaded machine the creates may outlast the stage duration: only a stay younger than it must not be reported
        long checked = System.nanoTime();
        Set<String> young = new HashSet<>();
        createdAt.forEach((id, at) -> {
            if (checked - at < STAGE_DURATION.toNanos() - Duration.ofSeconds(2).toNanos()) {
                young.add(id);
            }
        });
        Set<String> reportedEarly = new HashSet<>(overdueEvents(bootstrap, ids).keySet());
        reportedEarly.retainAll(young);
        assertEquals(Set.of(), reportedEarly, "nothing is overdue before its stage duration");

        stack.killService("opportunity-service");
        // down across the moment the stays become overdue
        long dueIn = STAGE_DURATION.toNanos() - (System.nanoTime() - firstCreated);
        Thread.sleep(Math.max(0, dueIn / 1_000_000) + 3_000);
        stack.startService("opportunity-service");

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> overdueEvents(bootstrap, ids).keySet().containsAll(ids));
        Map<String, Set<String>> reported = overdueEvents(bootstrap, ids);
        reported.forEach((id, events) -> assertEquals(1, events.size(), "overdue events of " + id));
        for (String id : ids) {
            given().auth().oauth2(admin).get(stack.url("opportunity-service") + "/opportunities/{id}", id)
                    .then().statusCode(200).body("overdue", org.hamcrest.Matchers.equalTo(true));
        }

        // a second kill after reporting: the restarted scan finds them reported already
        stack.killService("opportunity-service");
        stack.startService("opportunity-service");
        Thread.sleep(8_000); // several scan ticks (every 2 s)
        Map<String, Set<String>> after = overdueEvents(bootstrap, ids);
        assertEquals(reported, after, "no stay is reported again after a restart");
        given().auth().oauth2(admin).queryParam("overdue", true).queryParam("size", 200)
                .get(stack.url("opportunity-service") + "/opportunities").then().statusCode(200)
                .body("total", org.hamcrest.Matchers.equalTo(OPPORTUNITIES + 1));
    }

    /** opportunity id → distinct event ids of its opportunity.overdue events (the relay may resend a record; ce_id dedupes). */
    static Map<String, Set<String>> overdueEvents(String bootstrap, Set<String> ids) {
        List<ConsumerRecord<String, String>> records = TopicProbe.all(bootstrap, "opportunity-events",
                r -> ids.contains(r.key()) && "opportunity.overdue".equals(CloudEvents.header(r, "ce_type")), Duration.ofSeconds(2));
        Map<String, Set<String>> byOpportunity = new HashMap<>();
        records.forEach(r -> byOpportunity.computeIfAbsent(r.key(), k -> new HashSet<>()).add(CloudEvents.header(r, "ce_id")));
        return byOpportunity;
    }

    String create(DevStack stack, String process, String name) {
        var response = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", name + " " + UUID.randomUUID(), "accountId", "acc-" + UUID.randomUUID(), "accountName", "Acme",
                        "amount", 1000, "currency", "EUR", "salesProcessId", process, "ownerId", "rep-1"))
                .post(stack.url("opportunity-service") + "/opportunities");
        return response.statusCode() == 201 ? response.path("id") : null;
    }
}
