package io.oppsuite.opportunity;

import com.fasterxml.jackson.databind.JsonNode;
import io.oppsuite.opportunity.subscriber.OpportunityMirror;
import io.oppsuite.testsupport.SalesProcessFixtures;
import io.oppsuite.testsupport.SuiteInfra;
import io.oppsuite.testsupport.SuiteTestResource;
import io.oppsuite.testsupport.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.oppsuite.opportunity.Api.as;
import static io.oppsuite.opportunity.Api.createId;
import static io.oppsuite.opportunity.Api.etag;
import static io.oppsuite.opportunity.Api.events;
import static io.oppsuite.opportunity.Api.move;
import static io.oppsuite.opportunity.Api.opportunity;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The example subscriber of docs/events.md ({@link OpportunityMirror}) against the real service
 * and broker: from the beginning, from a point in time, and resynced from the snapshot API then
 * following the topic, each ends with the service's current state. And the snapshot API itself:
 * paged, tenant-scoped, admin or integration only.
 */
@QuarkusTest
@QuarkusTestResource(value = SuiteTestResource.class, initArgs = @ResourceArg(name = "database", value = "oppsuite_opportunity_test"))
@QuarkusTestResource(HoldingStub.class)
class ExampleSubscriberTest {

    static final Duration QUIET = Duration.ofSeconds(2);

    @TestHTTPResource("/")
    URI service;

    @Test
    void aSubscriberStartsFromTheBeginningFromATimeOrFromTheSnapshotAndEndsWithTheCurrentState() throws Exception {
        String tenant = "mirror-" + UUID.randomUUID().toString().substring(0, 8);
        String rep = Tokens.issue(tenant, "rep-1", "sales");
        String integration = Tokens.issue(tenant, "crm-sync", "integration");
        String process = UUID.randomUUID().toString();
        Api.publishAndAwait(tenant, SalesProcessFixtures.standard(process, 1), rep);

        String a = createId(rep, opportunity("Mirror A " + UUID.randomUUID(), process));
        String b = createId(rep, opportunity("Mirror B " + UUID.randomUUID(), process));
        move(rep, a, "proposal", null).then().statusCode(200);
        events(a, 2);
        events(b, 1);
        Thread.sleep(50);
        Instant from = Instant.now();
        Thread.sleep(50);
        String c = createId(rep, opportunity("Mirror C " + UUID.randomUUID(), process));
        as(rep).header("If-Match", etag(rep, b)).delete("/opportunities/{id}", b).then().statusCode(204);
        events(c, 1);
        events(b, 2);

        Map<String, Long> current = snapshotVersions(integration);
        assertFalse(current.containsKey(b));
        assertEquals(versionOf(rep, a), current.get(a));

        try (OpportunityMirror all = OpportunityMirror.fromBeginning(bootstrap(), tenant).catchUp(QUIET)) {
            assertEquals(current, versions(all));
        }
        try (OpportunityMirror since = OpportunityMirror.fromTime(bootstrap(), tenant, from).catchUp(QUIET)) {
            // only what happened after the instant: C created (B's deletion removes what this subscriber never held)
            assertEquals(List.of(c), since.ids());
        }
        try (OpportunityMirror resynced = OpportunityMirror.resync(bootstrap(), tenant, service, integration).catchUp(QUIET)) {
            assertEquals(current, versions(resynced));
            // and it follows the topic from where the snapshot left off
            move(rep, c, "proposal", null).then().statusCode(200);
            events(c, 2);
            resynced.catchUp(QUIET);
            assertEquals(versionOf(rep, c), versions(resynced).get(c));
            assertEquals("proposal", resynced.opportunities().get(c).get("stageKey").asText());
            assertEquals(snapshotVersions(integration), versions(resynced));
        }
    }

    @Test
    void theSnapshotIsPagedTenantScopedAndForAdminsAndIntegrationsOnly() {
        String tenant = "snap-" + UUID.randomUUID().toString().substring(0, 8);
        String rep = Tokens.issue(tenant, "rep-1", "sales");
        String process = UUID.randomUUID().toString();
        Api.publishAndAwait(tenant, SalesProcessFixtures.standard(process, 1), rep);
        for (int i = 0; i < 3; i++) {
            createId(rep, opportunity("Snap " + i + " " + UUID.randomUUID(), process));
        }
        String admin = Tokens.issue(tenant, "boss", "admin");
        List<String> paged = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            var spec = as(admin).queryParam("limit", 2);
            if (after != null) {
                spec = spec.queryParam("after", after);
            }
            JsonNode page = Api.json(spec.get("/snapshots/opportunities").then().statusCode(200).extract().asString());
            assertFalse(page.get("opportunities").size() > 2);
            page.get("opportunities").forEach(o -> {
                assertNotNull(o.get("version"));
                paged.add(o.get("id").asText());
            });
            after = page.get("nextAfter").isNull() ? null : page.get("nextAfter").asText();
            pages++;
        } while (after != null);
        // three creates and the probe create that waited for the process
        assertEquals(4, paged.size());
        assertEquals(paged.stream().sorted().toList(), paged);
        assertEquals(2, pages);

        String otherTenant = Tokens.issue("snap-other-" + UUID.randomUUID(), "boss", "admin");
        as(otherTenant).get("/snapshots/opportunities").then().statusCode(200).body("opportunities", hasSize(0));
        as(rep).get("/snapshots/opportunities").then().statusCode(403);
        as(admin).queryParam("after", "not-an-id").get("/snapshots/opportunities").then().statusCode(400)
                .body("status", equalTo(400));
        as(admin).queryParam("limit", 0).get("/snapshots/opportunities").then().statusCode(400);
    }

    @Test
    void theServiceServesTheContract() {
        io.restassured.RestAssured.get("/asyncapi.yaml").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("name: opportunity.stage-changed"));
        io.restassured.RestAssured.get("/schemas/events/opportunity.stage-changed/v1.json").then().statusCode(200)
                .body("$id", equalTo("https://schemas.oppsuite.io/events/opportunity.stage-changed/v1.json"));
        io.restassured.RestAssured.get("/schemas/events/defs.json").then().statusCode(200);
    }

    private static String bootstrap() {
        return SuiteInfra.get().broker().bootstrapServers();
    }

    private static long versionOf(String token, String id) {
        return Long.parseLong(etag(token, id).replace("\"", ""));
    }

    private static Map<String, Long> snapshotVersions(String token) {
        JsonNode page = Api.json(as(token).queryParam("limit", 1000).get("/snapshots/opportunities").then().statusCode(200)
                .extract().asString());
        Map<String, Long> versions = new HashMap<>();
        page.get("opportunities").forEach(o -> versions.put(o.get("id").asText(), o.get("version").asLong()));
        return versions;
    }

    private static Map<String, Long> versions(OpportunityMirror mirror) {
        Map<String, Long> versions = new HashMap<>();
        mirror.opportunities().forEach((id, o) -> versions.put(id, o.get("version").asLong()));
        return versions;
    }
}
