package io.oppsuite.opportunity;

import io.oppsuite.common.contracts.SalesProcessSnapshot;
import io.oppsuite.common.contracts.SalesProcessSnapshot.Settings;
import io.oppsuite.common.contracts.SalesProcessSnapshot.Stage;
import io.oppsuite.common.contracts.SalesProcessSnapshot.TransitionOwners;
import io.oppsuite.common.contracts.StageType;
import io.oppsuite.testsupport.SuiteTestResource;
import io.oppsuite.testsupport.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.oppsuite.opportunity.Api.as;
import static io.oppsuite.opportunity.Api.createId;
import static io.oppsuite.opportunity.Api.move;
import static io.oppsuite.opportunity.Api.opportunity;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Transition owners (Zoho Blueprint's idea): only managers may move a deal into Won, only the
 * directory's "closers" user group into negotiation. Anyone else is refused with 403 naming the
 * rule, on a move and on a reopen, and stage-readiness gives the same verdict.
 */
@QuarkusTest
@QuarkusTestResource(value = SuiteTestResource.class, initArgs = @ResourceArg(name = "database", value = "oppsuite_opportunity_test"))
@QuarkusTestResource(HoldingStub.class)
class TransitionOwnersTest {

    static SalesProcessSnapshot owned(String id) {
        Settings closers = new Settings(null, null, null, true, List.of(), List.of(), false, null,
                new TransitionOwners(List.of(), List.of("closers")));
        Settings managers = new Settings(null, null, null, false, List.of(), List.of(), false, null,
                new TransitionOwners(List.of("manager"), List.of()));
        return new SalesProcessSnapshot(id, "Owned " + id.substring(0, 8), 1, List.of(
                new Stage("qualification", "Qualification", StageType.IN_PROGRESS, 10, null, List.of()),
                new Stage("proposal", "Proposal", StageType.IN_PROGRESS, 40, null, List.of()),
                new Stage("negotiation", "Negotiation", StageType.IN_PROGRESS, 70, closers, List.of()),
                new Stage("won", "Won", StageType.WON, 100, managers, List.of()),
                new Stage("lost", "Lost", StageType.LOST, 0, null, List.of()),
                new Stage("invalid", "Invalid", StageType.INVALID, 0, null, List.of())));
    }

    @Test
    void onlyTheStagesOwnersMoveADealIntoIt() {
        String tenant = "owners-" + UUID.randomUUID().toString().substring(0, 8);
        String rep = Tokens.inDepartment(tenant, "rep-1", "d-1", "sales");
        String closer = Tokens.inDepartment(tenant, "closer-1", "d-1", "sales");
        String manager = Tokens.inDepartment(tenant, "boss-1", "d-1", "manager");
        String process = UUID.randomUUID().toString();
        Api.publishAndAwait(tenant, owned(process), rep);
        Api.employee(tenant, "closer-1", "d-1", "closers");

        String deal = createId(rep, opportunity("Owned " + UUID.randomUUID(), process, "ownerId", "rep-1"));
        // readiness and the move agree: the rep is no transition owner of negotiation
        as(rep).get("/opportunities/{id}/stage-readiness?to=negotiation", deal).then().statusCode(200)
                .body("ready", equalTo(false)).body("rules.find { it.name == 'transition-owner' }.holds", equalTo(false));
        move(rep, deal, "negotiation", null).then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("https://oppsuite.io/problems/transition-not-permitted"))
                .body("unmetRules[0].name", equalTo("transition-owner"));
        // a token role named like the group does not count: the directory decides
        move(Tokens.inDepartment(tenant, "rep-1", "d-1", "sales", "closers"), deal, "negotiation", null).then().statusCode(403);
        // a stage without owners is anyone's
        move(rep, deal, "proposal", null).then().statusCode(200);

        String closersDeal = createId(closer, opportunity("Closer's " + UUID.randomUUID(), process, "ownerId", "closer-1"));
        move(closer, closersDeal, "proposal", null).then().statusCode(200);
        // the closer's group reaches opportunity-service on holding-events
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(closer)
                .get("/opportunities/{id}/stage-readiness?to=negotiation", closersDeal).then().statusCode(200).body("ready", equalTo(true)));
        move(closer, closersDeal, "negotiation", null).then().statusCode(200).body("stageKey", equalTo("negotiation"));

        // only managers (and admins) into Won
        as(closer).get("/opportunities/{id}/stage-readiness?to=won", closersDeal).then().body("ready", equalTo(false));
        move(closer, closersDeal, "won", null).then().statusCode(403).body("unmetRules[0].name", equalTo("transition-owner"));
        as(manager).get("/opportunities/{id}/stage-readiness?to=won", closersDeal).then().body("ready", equalTo(true));
        move(manager, closersDeal, "won", null).then().statusCode(200).body("status", equalTo("WON"));

        // reopening into a stage with owners is theirs too: the manager is no closer
        as(manager).header("If-Match", Api.etag(manager, closersDeal))
                .body(Map.of("toStage", "negotiation", "reason", "customer came back"))
                .post("/opportunities/{id}/reopen", closersDeal).then().statusCode(403)
                .body("type", equalTo("https://oppsuite.io/problems/transition-not-permitted"));
        as(Tokens.admin(tenant)).header("If-Match", Api.etag(manager, closersDeal))
                .body(Map.of("toStage", "negotiation", "reason", "customer came back"))
                .post("/opportunities/{id}/reopen", closersDeal).then().statusCode(200).body("stageKey", equalTo("negotiation"));
    }

    /** A first stage with owners: a create (REST, import row, lead conversion) puts a deal in it, so only they create. */
    @Test
    void aFirstStageWithOwnersTakesNewDealsOnlyFromThem() {
        String tenant = "first-" + UUID.randomUUID().toString().substring(0, 8);
        String rep = Tokens.inDepartment(tenant, "rep-1", "d-1", "sales");
        String manager = Tokens.inDepartment(tenant, "boss-1", "d-1", "manager");
        String process = UUID.randomUUID().toString();
        Settings managersOnly = new Settings(null, null, null, false, List.of(), List.of(), false, null,
                new TransitionOwners(List.of("manager"), List.of()));
        SalesProcessSnapshot gated = new SalesProcessSnapshot(process, "Gated " + process.substring(0, 8), 1, List.of(
                new Stage("qualification", "Qualification", StageType.IN_PROGRESS, 10, managersOnly, List.of()),
                new Stage("won", "Won", StageType.WON, 100, null, List.of()),
                new Stage("lost", "Lost", StageType.LOST, 0, null, List.of())));
        Api.publishAndAwait(tenant, gated, manager);

        String name = "Gated " + UUID.randomUUID();
        Api.create(rep, opportunity(name, process)).then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("https://oppsuite.io/problems/transition-not-permitted"))
                .body("unmetRules[0].name", equalTo("transition-owner"));
        as(rep).body(List.of(opportunity(name + " row", process))).post("/opportunities/import").then().statusCode(200)
                .body("rows[0].outcome", equalTo("REFUSED"));
        as(rep).body(Map.of("leadId", "lead-" + UUID.randomUUID(), "account", Map.of("name", name), "currency", "EUR",
                "salesProcessId", process)).post("/opportunities/lead-conversions").then().statusCode(403);
        as(rep).get("/opportunities?size=200").then().statusCode(200).body("items", org.hamcrest.Matchers.hasSize(0));
        createId(manager, opportunity(name, process, "ownerId", "rep-1"));
    }
}
