package io.oppsuite.opportunity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oppsuite.common.web.BoundedJson;
import io.oppsuite.testsupport.SalesProcessFixtures;
import io.oppsuite.testsupport.SuiteTestResource;
import io.oppsuite.testsupport.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.oppsuite.opportunity.Api.as;
import static io.oppsuite.opportunity.Api.create;
import static io.oppsuite.opportunity.Api.opportunity;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The trust boundary through opportunity-service's public API: who a key belongs to, tokens, what
 * a query or body may carry, and that no stored value breaks a read.
 */
@QuarkusTest
@QuarkusTestResource(value = SuiteTestResource.class, initArgs = @ResourceArg(name = "database", value = "oppsuite_opportunity_test"))
@QuarkusTestResource(HoldingStub.class)
class TrustBoundaryTest {

    static final String TENANT = "trust-" + UUID.randomUUID().toString().substring(0, 8);
    static final String PROCESS = UUID.randomUUID().toString();
    static final String repA = Tokens.inDepartment(TENANT, "rep-a", "d-1", "sales");
    static final String repB = Tokens.inDepartment(TENANT, "rep-b", "d-1", "sales");
    static final String admin = Tokens.admin(TENANT);
    static boolean published;

    @BeforeEach
    void process() {
        if (!published) {
            published = true;
            SalesProcessFixtures.publish(TENANT, SalesProcessFixtures.standard(PROCESS, 1));
            // the process reaches the service through its consumer (slow on a loaded machine)
            await().atMost(Duration.ofSeconds(120)).until(() -> create(admin, opportunity("probe " + UUID.randomUUID(), PROCESS))
                    .statusCode() == 201);
        }
    }

    @Test
    void anIdempotencyKeyBelongsToItsCallerAndItsReplayCarriesTheFirstETag() {
        String key = "key-" + UUID.randomUUID();
        Response first = as(repA).header("Idempotency-Key", key).body(opportunity("A's deal", PROCESS)).post("/opportunities");
        first.then().statusCode(201);
        Response replay = as(repA).header("Idempotency-Key", key).body(opportunity("A's deal", PROCESS)).post("/opportunities");
        replay.then().statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(first.path("id")));
        assertEquals(first.header("ETag"), replay.header("ETag"));
        assertEquals(first.header("Location"), replay.header("Location"));
        // rep B with A's key: a request of B's own, never A's opportunity
        Response other = as(repB).header("Idempotency-Key", key).body(opportunity("A's deal", PROCESS)).post("/opportunities");
        other.then().statusCode(201).header("Idempotent-Replayed", (String) null).body("ownerId", equalTo("rep-b"));
        assertNotEquals(first.path("id"), (String) other.path("id"));
    }

    @Test
    void tokensWithoutUsableClaimsAre401Problems() {
        long now = Instant.now().getEpochSecond();
        for (Map<String, Object> claims : List.<Map<String, Object>>of(
                Map.of("sub", "mallory", "tenant", 42, "groups", List.of("admin")),
                Map.of("sub", "mallory", "tenant", List.of(TENANT), "groups", List.of("admin")),
                Map.of("sub", "mallory", "tenant", Map.of("id", TENANT), "groups", List.of("admin")),
                Map.of("sub", "mallory", "groups", List.of("admin")),
                Map.of("tenant", TENANT, "groups", List.of("admin")),
                Map.of("sub", "mallory", "tenant", TENANT, "groups", List.of("admin"), "iat", now + 86_400))) {
            given().auth().oauth2(Tokens.withClaims(claims)).get("/opportunities").then().statusCode(401)
                    .contentType("application/problem+json").header("WWW-Authenticate", "Bearer");
        }
        // a minute of clock skew is fine
        given().auth().oauth2(Tokens.withClaims(Map.of("sub", "rep-a", "tenant", TENANT, "groups", List.of("sales"), "iat", now + 30)))
                .get("/opportunities").then().statusCode(200);
    }

    @Test
    void malformedQueryValuesAre400sNamingTheParameter() {
        for (String[] bad : new String[][]{{"size", "abc"}, {"page", "x"}, {"status", "BOGUS"}, {"closeFrom", "notadate"},
                {"closeTo", "-999999999-01-01"}, {"closeFrom", "0000-01-01"}, {"overdue", "maybe"}}) {
            as(repA).queryParam(bad[0], bad[1]).get("/opportunities").then().statusCode(400)
                    .contentType("application/problem+json").body("parameter", equalTo(bad[0]));
        }
        as(repA).queryParam("page", Integer.MAX_VALUE).get("/opportunities").then().statusCode(400).body("parameter", equalTo("page"));
        as(repA).queryParam("page", 30_000_000).queryParam("size", 100).get("/opportunities").then().statusCode(400);
        as(repA).queryParam("page", 5_000).queryParam("size", 200).get("/opportunities").then().statusCode(200);
        as(repA).queryParam("owner", "rep\u0000a").get("/opportunities").then().statusCode(400).body("parameter", equalTo("owner"));
        as(repA).urlEncodingEnabled(false).get("/opportunities/abc%00def/stage-history").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void bodiesWithNulControlOnlyNamesOrDatesOutsideYears1To9999Are400s() {
        create(repA, opportunity("nul\u0000name", PROCESS, "accountName", "Clean")).then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("name"))
                .body("detail", equalTo("'name' is invalid: contains a control character"));
        create(repA, opportunity("\u0001\u0002\u0003", PROCESS, "accountName", "Clean")).then().statusCode(400)
                .body("field", equalTo("name"));
        for (String date : new String[]{"0000-01-01", "-0001-12-31", "+10000-01-01", "-999999999-01-01"}) {
            create(repA, opportunity("dated", PROCESS, "expectedCloseDate", date)).then().statusCode(400)
                    .contentType("application/problem+json").body("field", equalTo("expectedCloseDate"));
        }
        create(repA, opportunity("dated", PROCESS, "expectedCloseDate", "0001-01-01")).then().statusCode(201)
                .body("expectedCloseDate", equalTo("0001-01-01"));
        create(repA, opportunity("dated", PROCESS, "expectedCloseDate", "9999-12-31")).then().statusCode(201);
    }

    @Test
    void theLargestAcceptedJsonValuesAreReadBackByEveryReadAndDeeperOnesAre400s() {
        ObjectNode largest = largestAccepted();
        String id = create(repA, opportunity("Largest custom fields", PROCESS, "customFields", largest)).then().statusCode(201)
                .extract().path("id");
        as(repA).get("/opportunities/{id}", id).then().statusCode(200).body("customFields.deep", notNullValue());
        as(repA).queryParam("size", 200).get("/opportunities").then().statusCode(200).body(containsString(id));
        as(admin).queryParam("size", 200).get("/opportunities").then().statusCode(200).body(containsString(id));
        as(repA).header("If-Match", Api.etag(repA, id)).body(Map.of("customFields", largest)).patch("/opportunities/{id}", id)
                .then().statusCode(200);

        String recordId = as(repA).body(Map.of("recordType", "quotation", "name", "Largest", "data", largest))
                .post("/opportunities/{id}/associated-records", id).then().statusCode(201).extract().path("id");
        as(repA).get("/opportunities/{id}/associated-records", id).then().statusCode(200).body("[0].data.deep", notNullValue());
        as(repA).get("/opportunities/{id}/tasks", id).then().statusCode(200);

        ObjectNode tooDeep = nested(BoundedJson.DEFAULT_MAX_DEPTH + 1);
        create(repA, opportunity("Too deep", PROCESS, "customFields", tooDeep)).then().statusCode(400)
                .contentType("application/problem+json");
        as(repA).body(Map.of("recordType", "quotation", "name", "Too deep", "data", tooDeep))
                .post("/opportunities/{id}/associated-records", id).then().statusCode(400);
        ObjectNode tooBig = JsonNodeFactory.instance.objectNode().put("text", "x".repeat(BoundedJson.DEFAULT_MAX_BYTES));
        create(repA, opportunity("Too big", PROCESS, "customFields", tooBig)).then().statusCode(400);

        // an associated record can be deleted, by whoever may see the deal, and only then
        as(repB).delete("/opportunities/{id}/associated-records/{r}", id, recordId).then().statusCode(404);
        as(repA).delete("/opportunities/{id}/associated-records/{r}", id, recordId).then().statusCode(204);
        as(repA).get("/opportunities/{id}/associated-records", id).then().statusCode(200).body("size()", equalTo(0));
        as(repA).delete("/opportunities/{id}/associated-records/{r}", id, recordId).then().statusCode(404);
    }

    @Test
    void oversizedRequestsAreProblemDocuments() {
        as(repA).get("/opportunities?owner=" + "x".repeat(20_000)).then().statusCode(414).contentType("application/problem+json");
        as(repA).header("X-Padding", "y".repeat(20_000)).get("/opportunities").then().statusCode(431)
                .contentType("application/problem+json");
        as(repA).body("{\"name\":\"" + "z".repeat(3 * 1024 * 1024) + "\"}").post("/opportunities").then().statusCode(413)
                .contentType("application/problem+json");
        // no detail names a Java class
        as(repA).body("{\"amount\": \"lots\"}").post("/opportunities").then().statusCode(400).body("field", equalTo("amount"))
                .body(not(containsString("java."))).body(not(containsString("com.fasterxml")));
        as(repA).body("{\"lineItems\": {\"a\": 1}}").post("/opportunities").then().statusCode(400)
                .body(not(containsString("java."))).body(not(containsString("`")));
        as(repA).get("/opportunities/not-a-uuid").then().statusCode(404).body(not(containsString("java.")));
    }

    /** customFields of exactly the limits: {@link BoundedJson#DEFAULT_MAX_DEPTH} levels and (nearly) its bytes. */
    static ObjectNode largestAccepted() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.set("deep", nested(BoundedJson.DEFAULT_MAX_DEPTH - 1));
        int used = node.toString().getBytes(StandardCharsets.UTF_8).length + ",\"text\":\"\"".length();
        node.put("text", "x".repeat(BoundedJson.DEFAULT_MAX_BYTES - used));
        assertEquals(BoundedJson.DEFAULT_MAX_BYTES, node.toString().getBytes(StandardCharsets.UTF_8).length);
        return node;
    }

    /** An object {@code depth} levels deep. */
    static ObjectNode nested(int depth) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode at = root;
        for (int i = 1; i < depth; i++) {
            at = at.putObject("n");
        }
        at.put("leaf", 1);
        return root;
    }
}
