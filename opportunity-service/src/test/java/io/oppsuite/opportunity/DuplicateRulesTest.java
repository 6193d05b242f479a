package io.oppsuite.opportunity;

import io.oppsuite.common.events.Topics;
import io.oppsuite.testsupport.SalesProcessFixtures;
import io.oppsuite.testsupport.SuiteTestResource;
import io.oppsuite.testsupport.Tokens;
import io.oppsuite.testsupport.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.oppsuite.opportunity.Api.as;
import static io.oppsuite.opportunity.Api.create;
import static io.oppsuite.opportunity.Api.createId;
import static io.oppsuite.opportunity.Api.opportunity;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Per-tenant duplicate rules (BLOCK/WARN, per operation), the check tool, the group scan,
 * JSON and CSV import per row, and exactly one of 20 parallel identical creates.
 * Each test works in its own tenant, so rules do not leak between tests.
 */
@QuarkusTest
@QuarkusTestResource(value = SuiteTestResource.class, initArgs = @ResourceArg(name = "database", value = "oppsuite_opportunity_test"))
@QuarkusTestResource(HoldingStub.class)
class DuplicateRulesTest {

    static final String PROCESS = UUID.randomUUID().toString();
    static final List<String> TENANTS = List.of("dup-block", "dup-warn", "dup-race", "dup-import", "dup-tool");
    static boolean published;

    @BeforeEach
    void processes() {
        if (!published) {
            published = true;
            for (String tenant : TENANTS) {
                SalesProcessFixtures.publish(tenant, SalesProcessFixtures.standard(PROCESS, 1));
            }
            for (String tenant : TENANTS) {
                Api.publishAndAwait(tenant, SalesProcessFixtures.standard(PROCESS, 1), Tokens.admin(tenant));
            }
        }
    }

    static String rule(String tenant, String name, String action, String appliesTo, List<Map<String, Object>> matchers) {
        return as(Tokens.admin(tenant)).body(Map.of("name", name, "action", action, "appliesTo", appliesTo, "matchers", matchers))
                .post("/duplicate-rules").then().statusCode(201).extract().path("id");
    }

    static Map<String, Object> m(String type) {
        return Map.of("type", type);
    }

    @Test
    void blockRuleRefusesWith409ListingMatchesAndRule() {
        String tenant = "dup-block";
        String rep = Tokens.issue(tenant, "rep-1", "sales");
        as(rep).body(Map.of("name", "x", "action", "BLOCK", "matchers", List.of(m("ACCOUNT_EXACT")))).post("/duplicate-rules")
                .then().statusCode(403);
        as(Tokens.admin(tenant)).body(Map.of("name", "x", "action", "BLOCK", "matchers", List.of())).post("/duplicate-rules")
                .then().statusCode(400);
        String ruleId = rule(tenant, "Same account and name", "BLOCK", "ALL", List.of(m("ACCOUNT_EXACT"), m("NAME_NORMALIZED")));

        String first = createId(rep, opportunity("ACME Renewal 2027", PROCESS, "accountId", "acc-acme"));
        int callsBefore = Api.holdingCalls().size();
        create(rep, opportunity("  acme renewal, 2027!", PROCESS, "accountId", "acc-acme")).then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://oppsuite.io/problems/duplicate-opportunity"))
                .body("ruleId", equalTo(ruleId)).body("ruleName", equalTo("Same account and name"))
                .body("matches", hasSize(1)).body("matches[0].id", equalTo(first))
                .body("matches[0].name", equalTo("ACME Renewal 2027")).body("matches[0].ownerId", equalTo("rep-1"));
        // the place reserved with holding-service for the refused create was given back, as the caller
        assertTrue(Api.holdingCalls().subList(callsBefore, Api.holdingCalls().size()).stream()
                .anyMatch(c -> c.startsWith("release ") && c.endsWith(" bearer")));
        as(rep).get("/opportunities?sort=name").then().body("total", equalTo(1)); // only the first (the probe is the admin's)

        // another account or another name is no duplicate
        create(rep, opportunity("ACME Renewal 2027", PROCESS, "accountId", "acc-other")).then().statusCode(201);
        String renamed = createId(rep, opportunity("ACME upsell", PROCESS, "accountId", "acc-acme"));
        // update: renaming into a duplicate is refused too, nothing changes
        as(rep).header("If-Match", "\"0\"").body(Map.of("name", "Acme-Renewal 2027")).patch("/opportunities/{id}", renamed)
                .then().statusCode(409).body("matches[0].id", equalTo(first));
        as(rep).get("/opportunities/{id}", renamed).then().body("name", equalTo("ACME upsell"));
        // deleting the original frees the key
        as(rep).header("If-Match", Api.etag(rep, first)).delete("/opportunities/{id}", first).then().statusCode(204);
        create(rep, opportunity("acme renewal 2027", PROCESS, "accountId", "acc-acme")).then().statusCode(201);
    }

    @Test
    void warnRuleCreatesAndReportsTheMatchesAndRulesApplyPerOperation() {
        String tenant = "dup-warn";
        String rep = Tokens.issue(tenant, "rep-1", "sales");
        rule(tenant, "Same account, close within a week", "WARN", "CREATE", List.of(m("ACCOUNT_EXACT"), Map.of("type", "CLOSE_DATE_WITHIN", "days", 7)));
        rule(tenant, "Same product line for the account on import", "BLOCK", "IMPORT", List.of(m("ACCOUNT_EXACT"), m("PRODUCT_LINE")));
        String first = createId(rep, opportunity("Q1 licences", PROCESS, "accountId", "acc-w", "expectedCloseDate", "2027-03-01",
                "lineItems", List.of(Map.of("productName", "Seat", "productLine", "Licences", "quantity", 1, "unitPrice", 10))));
        create(rep, opportunity("Q1 services", PROCESS, "accountId", "acc-w", "expectedCloseDate", "2027-03-05")).then().statusCode(201)
                .body("duplicateWarnings", hasSize(1)).body("duplicateWarnings[0].id", equalTo(first))
                .body("duplicateWarnings[0].action", equalTo("WARN"));
        create(rep, opportunity("Q2 services", PROCESS, "accountId", "acc-w", "expectedCloseDate", "2027-04-30")).then().statusCode(201)
                .body("duplicateWarnings", nullValue());
        // the product-line rule is for imports only: a REST create passes, an import row is a duplicate
        Map<String, Object> sameLine = opportunity("More licences", PROCESS, "accountId", "acc-w", "expectedCloseDate", "2027-09-01",
                "lineItems", List.of(Map.of("productName", "Seat+", "productLine", " licences ", "quantity", 2, "unitPrice", 10)));
        create(rep, sameLine).then().statusCode(201);
        as(rep).body(List.of(sameLine)).post("/opportunities/import").then().statusCode(200)
                .body("rows[0].outcome", equalTo("DUPLICATE")).body("rows[0].duplicateOf.id", hasItem(first));
    }

    @Test
    void twentyParallelIdenticalCreatesGiveExactlyOne() throws Exception {
        String tenant = "dup-race";
        String rep = Tokens.issue(tenant, "rep-1", "sales");
        rule(tenant, "Account and name", "BLOCK", "ALL", List.of(m("ACCOUNT_EXACT"), m("NAME_NORMALIZED")));
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Callable<Integer>> creates = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            creates.add(() -> given().auth().oauth2(rep).contentType(ContentType.JSON)
                    .body(opportunity("Raced deal", PROCESS, "accountId", "acc-race")).post("/opportunities").statusCode());
        }
        List<Integer> codes = new ArrayList<>();
        for (Future<Integer> f : pool.invokeAll(creates)) {
            codes.add(f.get());
        }
        pool.shutdown();
        assertEquals(1, codes.stream().filter(c -> c == 201).count(), codes.toString());
        assertEquals(19, codes.stream().filter(c -> c == 409).count(), codes.toString());
        String id = as(rep).get("/opportunities?sort=name").then().extract().path("items.find { it.name == 'Raced deal' }.id");
        as(rep).get("/opportunities").then().body("items.findAll { it.name == 'Raced deal' }", hasSize(1));
        assertEquals(1, TopicProbe.all(Topics.OPPORTUNITY_EVENTS, TopicProbe.key(id), Duration.ofSeconds(2)).size());
    }

    @Test
    void importJsonAndCsvAnswerPerRowAgainstDatabaseAndEarlierRows() {
        String tenant = "dup-import";
        String admin = Tokens.admin(tenant);
        rule(tenant, "Account and name", "BLOCK", "ALL", List.of(m("ACCOUNT_EXACT"), m("NAME_NORMALIZED")));
        String existing = createId(admin, opportunity("Existing deal", PROCESS, "accountId", "acc-i"));

        var result = as(admin).body(List.of(
                        opportunity("Fresh one", PROCESS, "accountId", "acc-i"),
                        opportunity("EXISTING deal", PROCESS, "accountId", "acc-i"),
                        Map.of("name", "No currency", "salesProcessId", PROCESS),
                        opportunity("fresh  ONE", PROCESS, "accountId", "acc-i"),
                        Map.of("name", "Sneaky", "currency", "EUR", "salesProcessId", PROCESS, "stageKey", "won"),
                        opportunity("Fresh two", PROCESS, "accountId", "acc-i")))
                .post("/opportunities/import").then().statusCode(200)
                .body("created", equalTo(2)).body("duplicates", equalTo(2)).body("invalid", equalTo(2))
                .body("rows.outcome", contains("CREATED", "DUPLICATE", "INVALID", "DUPLICATE", "INVALID", "CREATED"))
                .body("rows.row", contains(1, 2, 3, 4, 5, 6))
                .body("rows[1].duplicateOf[0].id", equalTo(existing))
                .body("rows[2].reason", org.hamcrest.Matchers.containsString("currency"))
                // a field an import row does not take is named as a body's would be, never with our Java classes
                .body("rows[4].reason", equalTo("not a valid opportunity: unknown field 'stageKey'"))
                .extract();
        String freshOne = result.path("rows[0].id");
        assertEquals(freshOne, result.path("rows[3].duplicateOf[0].id"));
        as(admin).get("/opportunities?sort=name").then().body("total", equalTo(4)); // probe, existing, 2 fresh: nothing half-written
        as(admin).get("/opportunities/{id}", freshOne).then().body("name", equalTo("Fresh one"));

        String csv = "name,accountId,accountName,amount,currency,expectedCloseDate,salesProcessId\n"
                + "\"Widgets, large\",acc-c,\"Contoso, Ltd\",1200.50,EUR,2027-05-01," + PROCESS + "\n"
                + "widgets large,acc-c,Contoso,10,EUR,," + PROCESS + "\n"
                + "Bad amount,acc-c,Contoso,lots,EUR,," + PROCESS + "\n"
                + "\"Quoted \"\"name\"\"\",acc-c,Contoso,5,EUR,2027-06-01," + PROCESS + "\n";
        given().auth().oauth2(admin).contentType("text/csv").body(csv).post("/opportunities/import").then().statusCode(200)
                .body("rows.outcome", contains("CREATED", "DUPLICATE", "INVALID", "CREATED"))
                .body("created", equalTo(2));
        as(admin).get("/opportunities?sort=name").then()
                .body("items.name", hasItem("Widgets, large")).body("items.name", hasItem("Quoted \"name\""))
                .body("items.find { it.name == 'Widgets, large' }.amount", equalTo(1200.5f))
                .body("items.find { it.name == 'Widgets, large' }.accountName", equalTo("Contoso, Ltd"));
        as(admin).body("{}").post("/opportunities/import").then().statusCode(400);
    }

    @Test
    void checkToolFindsMatchesWithoutCreatingAndScanListsGroups() {
        String tenant = "dup-tool";
        String admin = Tokens.admin(tenant);
        String ruleId = rule(tenant, "Same name", "WARN", "ALL", List.of(m("NAME_NORMALIZED")));
        String a = createId(admin, opportunity("Globex expansion", PROCESS, "accountId", "acc-1"));
        String b = createId(admin, opportunity("GLOBEX Expansion", PROCESS, "accountId", "acc-2"));
        createId(admin, opportunity("Unrelated", PROCESS, "accountId", "acc-3"));

        as(admin).body(Map.of("name", "globex-expansion", "accountId", "acc-9")).post("/opportunities/duplicate-check").then()
                .statusCode(200).body("duplicate", equalTo(true)).body("blocked", equalTo(false))
                .body("matches.id", containsInAnyOrder(a, b)).body("matches[0].ruleId", equalTo(ruleId));
        as(admin).body(Map.of("name", "Something else")).post("/opportunities/duplicate-check").then()
                .body("duplicate", equalTo(false)).body("matches", hasSize(0));
        as(admin).get("/opportunities?sort=name").then().body("total", equalTo(4)); // probe + 3: the checks created nothing

        as(admin).get("/opportunities/duplicate-groups").then().statusCode(200)
                .body("$", hasSize(1)).body("[0].ruleId", equalTo(ruleId)).body("[0].opportunities.id", containsInAnyOrder(a, b));
        as(Tokens.issue(tenant, "rep-1", "sales")).get("/opportunities/duplicate-groups").then().statusCode(403);
    }
}
