package io.oppsuite.opportunity;

import com.fasterxml.jackson.databind.JsonNode;
import io.oppsuite.testsupport.SuiteTestResource;
import io.oppsuite.testsupport.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.oppsuite.opportunity.Api.as;
import static io.oppsuite.opportunity.Api.createId;
import static io.oppsuite.opportunity.Api.etag;
import static io.oppsuite.opportunity.Api.json;
import static io.oppsuite.opportunity.Api.opportunity;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A deal's sales team: colleagues named on create, import rows, lead conversion or the team
 * endpoints see the deal (READ) or also work it (EDIT), in lists and reads, from the moment they
 * join until the moment they leave. Only the owner's level manages the team; every change is an
 * opportunity.sales-team-changed carrying the whole team.
 */
@QuarkusTest
@QuarkusTestResource(value = SuiteTestResource.class, initArgs = @ResourceArg(name = "database", value = "oppsuite_opportunity_test"))
@QuarkusTestResource(HoldingStub.class)
class SalesTeamTest {

    static final String TENANT = "team-" + UUID.randomUUID().toString().substring(0, 8);
    static final String PROCESS = UUID.randomUUID().toString();
    static final String OWNER = Tokens.inDepartment(TENANT, "rep-own", "d-1", "sales");
    static final String ENGINEER = Tokens.inDepartment(TENANT, "se-1", "d-9", "sales");
    static final String FINANCE = Tokens.inDepartment(TENANT, "fin-1", "d-8", "sales");
    static final String OUTSIDER = Tokens.inDepartment(TENANT, "rep-out", "d-1", "sales");
    static final String MANAGER = Tokens.inDepartment(TENANT, "boss-1", "d-1", "manager");
    static final String OTHER_MANAGER = Tokens.inDepartment(TENANT, "boss-2", "d-2", "manager");

    static boolean published;

    @BeforeEach
    void process() {
        // not @BeforeAll: the application (and RestAssured's port) is up only for the test methods
        if (!published) {
            Api.publishAndAwait(TENANT, io.oppsuite.testsupport.SalesProcessFixtures.timed(PROCESS, null), OWNER);
            published = true;
        }
    }

    static Map<String, Object> member(String employeeId, String access, String role) {
        return role == null ? Map.of("employeeId", employeeId, "access", access) : Map.of("employeeId", employeeId, "access", access, "role", role);
    }

    static List<String> listedIds(String token) {
        return as(token).get("/opportunities?size=200").then().statusCode(200).extract().path("items.id");
    }

    @Test
    void membersSeeAndWorkTheDealByTheirAccessUntilTheyLeave() {
        String deal = createId(OWNER, opportunity("Team deal " + UUID.randomUUID(), PROCESS, "salesTeam", List.of(
                member("se-1", "EDIT", "Sales Engineer"), member("fin-1", "READ", null))));

        // created, then one sales-team-changed per member as they join, each with the team so far
        List<ConsumerRecord<String, String>> events = Api.events(deal, 3);
        assertEquals(List.of("opportunity.created", "opportunity.sales-team-changed", "opportunity.sales-team-changed"),
                events.stream().limit(3).map(r -> io.oppsuite.testsupport.CloudEvents.header(r, "ce_type")).toList());
        JsonNode second = json(events.get(2).value());
        assertEquals("ADDED", second.at("/change").asText());
        assertEquals("fin-1", second.at("/member/employeeId").asText());
        assertEquals(2, second.at("/team").size());
        assertEquals("Sales Engineer", second.at("/team/0/role").asText());
        assertEquals("rep-own", second.at("/by").asText());

        as(OWNER).get("/opportunities/{id}/sales-team", deal).then().statusCode(200)
                .body("members.employeeId", equalTo(List.of("se-1", "fin-1")))
                .body("members.access", equalTo(List.of("EDIT", "READ")));

        // reads and lists: the members yes, a colleague of the owner's department no
        as(ENGINEER).get("/opportunities/{id}", deal).then().statusCode(200);
        as(FINANCE).get("/opportunities/{id}", deal).then().statusCode(200);
        as(FINANCE).get("/opportunities/{id}/sales-team", deal).then().statusCode(200);
        as(FINANCE).get("/opportunities/{id}/stage-history", deal).then().statusCode(200);
        as(OUTSIDER).get("/opportunities/{id}", deal).then().statusCode(404);
        as(OUTSIDER).get("/opportunities/{id}/sales-team", deal).then().statusCode(404);
        org.hamcrest.MatcherAssert.assertThat(listedIds(ENGINEER), hasItem(deal));
        org.hamcrest.MatcherAssert.assertThat(listedIds(FINANCE), hasItem(deal));
        org.hamcrest.MatcherAssert.assertThat(listedIds(OUTSIDER), not(hasItem(deal)));

        // EDIT works the deal; READ only looks
        as(ENGINEER).contentType("application/merge-patch+json").header("If-Match", etag(ENGINEER, deal))
                .body(Map.of("amount", 2500)).patch("/opportunities/{id}", deal).then().statusCode(200).body("amount", equalTo(2500));
        as(FINANCE).contentType("application/merge-patch+json").header("If-Match", etag(FINANCE, deal))
                .body(Map.of("amount", 1)).patch("/opportunities/{id}", deal).then().statusCode(403)
                .contentType("application/problem+json");
        as(ENGINEER).body(Map.of("recordType", "quotation", "name", "Q-1")).post("/opportunities/{id}/associated-records", deal)
                .then().statusCode(201);
        as(FINANCE).body(Map.of("recordType", "quotation", "name", "Q-2")).post("/opportunities/{id}/associated-records", deal)
                .then().statusCode(403);
        Api.move(ENGINEER, deal, "proposal", null).then().statusCode(200).body("stageKey", equalTo("proposal"));
        Api.move(FINANCE, deal, "won", null).then().statusCode(403);

        // the owner's level stays the owner's: team, owner, delete
        as(ENGINEER).body(member("rep-out", "READ", null)).post("/opportunities/{id}/sales-team", deal).then().statusCode(403);
        as(ENGINEER).header("If-Match", etag(ENGINEER, deal)).body(Map.of("ownerId", "se-1"))
                .post("/opportunities/{id}/owner", deal).then().statusCode(403);
        as(ENGINEER).header("If-Match", etag(ENGINEER, deal)).delete("/opportunities/{id}", deal).then().statusCode(403);

        // the owner changes a member's access: If-Match on the member's own version
        String financeTag = as(OWNER).get("/opportunities/{id}/sales-team/fin-1", deal).then().statusCode(200).extract().header("ETag");
        as(OWNER).body(Map.of("access", "EDIT")).put("/opportunities/{id}/sales-team/fin-1", deal).then().statusCode(428);
        as(OWNER).header("If-Match", "\"99\"").body(Map.of("access", "EDIT")).put("/opportunities/{id}/sales-team/fin-1", deal)
                .then().statusCode(412);
        as(OWNER).header("If-Match", financeTag).body(Map.of("access", "EDIT", "role", "Finance"))
                .put("/opportunities/{id}/sales-team/fin-1", deal).then().statusCode(200).body("access", equalTo("EDIT"))
                .body("role", equalTo("Finance"));
        as(FINANCE).contentType("application/merge-patch+json").header("If-Match", etag(FINANCE, deal))
                .body(Map.of("accountName", "Renamed by finance")).patch("/opportunities/{id}", deal).then().statusCode(200);

        // removing a member ends their access with the answer
        String engineerTag = as(OWNER).get("/opportunities/{id}/sales-team/se-1", deal).then().extract().header("ETag");
        as(OWNER).delete("/opportunities/{id}/sales-team/se-1", deal).then().statusCode(428);
        as(OWNER).header("If-Match", engineerTag).delete("/opportunities/{id}/sales-team/se-1", deal).then().statusCode(204);
        as(ENGINEER).get("/opportunities/{id}", deal).then().statusCode(404);
        org.hamcrest.MatcherAssert.assertThat(listedIds(ENGINEER), not(hasItem(deal)));
        as(ENGINEER).contentType("application/merge-patch+json").header("If-Match", "\"1\"")
                .body(Map.of("amount", 3)).patch("/opportunities/{id}", deal).then().statusCode(404);

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> Api.events(deal, 1).stream()
                .filter(r -> "opportunity.sales-team-changed".equals(io.oppsuite.testsupport.CloudEvents.header(r, "ce_type"))).count() >= 4);
        List<JsonNode> teamEvents = Api.events(deal, 1).stream()
                .filter(r -> "opportunity.sales-team-changed".equals(io.oppsuite.testsupport.CloudEvents.header(r, "ce_type")))
                .map(r -> json(r.value())).toList();
        // a subscriber resyncing from the snapshot API gets the team as the events carry it
        as(Tokens.admin(TENANT)).get("/snapshots/opportunities?limit=1000").then().statusCode(200)
                .body("salesTeams.'" + deal + "'.employeeId", equalTo(List.of("fin-1")))
                .body("salesTeams.'" + deal + "'.access", equalTo(List.of("EDIT")));
        JsonNode updated = teamEvents.get(2);
        assertEquals("UPDATED", updated.at("/change").asText());
        assertEquals("EDIT", updated.at("/member/access").asText());
        JsonNode removed = teamEvents.get(3);
        assertEquals("REMOVED", removed.at("/change").asText());
        assertEquals("se-1", removed.at("/member/employeeId").asText());
        assertEquals(1, removed.at("/team").size());
        assertEquals("fin-1", removed.at("/team/0/employeeId").asText());
    }

    @Test
    void theOwnersLevelManagesTheTeamAndBadMembersAreRefused() {
        String deal = createId(OWNER, opportunity("Managed " + UUID.randomUUID(), PROCESS));
        // the owner's manager adds; a manager of another department does not even see the deal
        as(MANAGER).body(member("se-1", "READ", "Solution Consultant")).post("/opportunities/{id}/sales-team", deal).then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith("/opportunities/" + deal + "/sales-team/se-1"))
                .header("ETag", org.hamcrest.Matchers.notNullValue()).body("addedBy", equalTo("boss-1"));
        as(OTHER_MANAGER).body(member("fin-1", "READ", null)).post("/opportunities/{id}/sales-team", deal).then().statusCode(404);
        as(OUTSIDER).body(member("rep-out", "EDIT", null)).post("/opportunities/{id}/sales-team", deal).then().statusCode(404);
        // twice, the owner, bad access, a too long id
        as(OWNER).body(member("se-1", "EDIT", null)).post("/opportunities/{id}/sales-team", deal).then().statusCode(409)
                .body("type", equalTo("https://oppsuite.io/problems/team-member-exists"));
        as(OWNER).body(member("rep-own", "EDIT", null)).post("/opportunities/{id}/sales-team", deal).then().statusCode(422)
                .body("type", equalTo("https://oppsuite.io/problems/team-member-is-owner"));
        as(OWNER).body(Map.of("employeeId", "x", "access", "ADMIN")).post("/opportunities/{id}/sales-team", deal).then().statusCode(400);
        as(OWNER).body(Map.of("employeeId", "x")).post("/opportunities/{id}/sales-team", deal).then().statusCode(400);
        as(OWNER).body(member("x".repeat(65), "READ", null)).post("/opportunities/{id}/sales-team", deal).then().statusCode(400);
        as(OWNER).get("/opportunities/{id}/sales-team/nobody", deal).then().statusCode(404);
        as(OWNER).header("If-Match", "\"0\"").delete("/opportunities/{id}/sales-team/nobody", deal).then().statusCode(404);
        // another tenant's admin: the deal does not exist
        String stranger = Tokens.inDepartment("other-" + TENANT, "admin-x", "d-1", "admin");
        as(stranger).get("/opportunities/{id}/sales-team", deal).then().statusCode(404);
        as(stranger).body(member("spy", "EDIT", null)).post("/opportunities/{id}/sales-team", deal).then().statusCode(404);

        // a create naming the owner or someone twice writes nothing
        String name = "Bad team " + UUID.randomUUID();
        Api.create(OWNER, opportunity(name, PROCESS, "salesTeam", List.of(member("rep-own", "READ", null)))).then().statusCode(422)
                .body("type", equalTo("https://oppsuite.io/problems/team-member-is-owner"));
        Api.create(OWNER, opportunity(name, PROCESS, "salesTeam", List.of(member("se-1", "READ", null), member("se-1", "EDIT", null))))
                .then().statusCode(422).body("type", equalTo("https://oppsuite.io/problems/team-member-repeated"));
        as(OWNER).get("/opportunities?size=200").then().statusCode(200).body("items.name", not(hasItem(name)));
    }

    @Test
    void importRowsAndLeadConversionsBringTheirTeam() {
        String json = "Imported " + UUID.randomUUID();
        String jsonId = as(OWNER).body(List.of(opportunity(json, PROCESS, "salesTeam", List.of(member("se-1", "EDIT", "SE")))))
                .post("/opportunities/import").then().statusCode(200).body("created", equalTo(1)).extract().path("rows[0].id");
        as(ENGINEER).get("/opportunities/{id}/sales-team", jsonId).then().statusCode(200).body("members[0].role", equalTo("SE"));

        String csv = "name,accountName,amount,currency,salesProcessId,salesTeam\n"
                + "CSV team " + UUID.randomUUID() + ",Acme,100,EUR," + PROCESS + ",se-1:edit:Sales Engineer;fin-1:READ\n"
                + "CSV broken " + UUID.randomUUID() + ",Acme,100,EUR," + PROCESS + ",se-1\n"
                + "CSV owner " + UUID.randomUUID() + ",Acme,100,EUR," + PROCESS + ",rep-own:READ\n";
        io.restassured.response.ValidatableResponse imported = given().auth().oauth2(OWNER).contentType("text/csv").body(csv)
                .post("/opportunities/import").then().statusCode(200)
                .body("rows[0].outcome", equalTo("CREATED")).body("rows[1].outcome", equalTo("INVALID"))
                .body("rows[2].outcome", equalTo("INVALID"));
        String csvId = imported.extract().path("rows[0].id");
        as(FINANCE).get("/opportunities/{id}/sales-team", csvId).then().statusCode(200)
                .body("members.employeeId", equalTo(List.of("se-1", "fin-1")))
                .body("members[0].role", equalTo("Sales Engineer")).body("members[0].access", equalTo("EDIT"));

        String leadId = "lead-" + UUID.randomUUID();
        String converted = as(OWNER).contentType(ContentType.JSON).body(Map.of("leadId", leadId, "account", Map.of("name", "Lead Co"),
                        "currency", "EUR", "salesProcessId", PROCESS, "salesTeam", List.of(member("fin-1", "READ", "Finance"))))
                .post("/opportunities/lead-conversions").then().statusCode(201).extract().path("id");
        as(FINANCE).get("/opportunities/{id}", converted).then().statusCode(200).body("leadId", equalTo(leadId));
        as(FINANCE).get("/opportunities/{id}/sales-team", converted).then().statusCode(200).body("members[0].role", equalTo("Finance"));
    }
}
