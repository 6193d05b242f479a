package io.oppsuite.opportunity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.oppsuite.common.contracts.ApprovalEvents;
import io.oppsuite.common.contracts.SalesProcessSnapshot;
import io.oppsuite.common.contracts.SalesProcessSnapshot.FieldCondition;
import io.oppsuite.common.contracts.SalesProcessSnapshot.Settings;
import io.oppsuite.common.contracts.SalesProcessSnapshot.Stage;
import io.oppsuite.common.contracts.StageType;
import io.oppsuite.testsupport.SalesProcessFixtures;
import io.oppsuite.testsupport.SuiteTestResource;
import io.oppsuite.testsupport.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static io.oppsuite.opportunity.Api.as;
import static io.oppsuite.opportunity.Api.etag;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One evaluator decides every write that puts a deal in a stage or changes a
 * deal in one. Every write path (create, import row, lead conversion, PATCH, move, owner change,
 * claim, approval outcome) against every condition operator: the violating write is refused
 * listing the unmet rule and writes nothing, the complying one goes through, and stage-readiness
 * gives the write's verdict.
 */
@QuarkusTest
@QuarkusTestResource(value = SuiteTestResource.class, initArgs = @ResourceArg(name = "database", value = "oppsuite_opportunity_test"))
@QuarkusTestResource(HoldingStub.class)
class StageRulesOnEveryPathTest {

    static final String TENANT = "stage-rules";
    static final String admin = Tokens.admin(TENANT);

    /** A rule kind: a condition on a field, fields that break it and fields that meet it. */
    record Kind(String name, FieldCondition condition, Map<String, Object> bad, Map<String, Object> good, String processId) {
        @Override
        public String toString() {
            return name;
        }

        String ruleName() {
            return "entry-condition:" + condition.field();
        }
    }

    static Map<String, Object> fields(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    static Kind kind(String name, String field, String operator, JsonNode value, Map<String, Object> bad, Map<String, Object> good) {
        return new Kind(name, new FieldCondition(field, operator, value), bad, good, UUID.randomUUID().toString());
    }

    /** Every operator FieldConditions knows, on fields a create, a lead and a PATCH can all set (a custom field: not a lead). */
    static final List<Kind> KINDS = List.of(
            kind("EQ", "amount", "EQ", IntNode.valueOf(500), fields("amount", 400), fields("amount", 500)),
            kind("NE", "amount", "NE", IntNode.valueOf(0), fields("amount", 0), fields("amount", 10)),
            kind("GT", "amount", "GT", IntNode.valueOf(100), fields("amount", 100), fields("amount", 101)),
            kind("GTE", "amount", "GTE", IntNode.valueOf(100), fields("amount", 99), fields("amount", 100)),
            kind("LT", "amount", "LT", IntNode.valueOf(100), fields("amount", 100), fields("amount", 99)),
            kind("LTE", "amount", "LTE", IntNode.valueOf(100), fields("amount", 101), fields("amount", 100)),
            kind("IN", "amount", "IN", SalesProcessFixtures.JSON.createArrayNode().add(100).add(200), fields("amount", 150), fields("amount", 200)),
            kind("SET (required field)", "expectedCloseDate", "SET", null, fields("expectedCloseDate", null), fields("expectedCloseDate", "2027-01-31")),
            kind("NOT_SET", "expectedCloseDate", "NOT_SET", null, fields("expectedCloseDate", "2027-01-31"), fields("expectedCloseDate", null)),
            kind("date LT", "expectedCloseDate", "LT", TextNode.valueOf("2027-06-01"), fields("expectedCloseDate", "2027-07-01"),
                    fields("expectedCloseDate", "2027-05-01")));

    /** Custom fields: required (SET) and a value (EQ); a lead conversion has none to give. */
    static final List<Kind> CUSTOM_KINDS = List.of(
            kind("custom SET", "customFields.budget", "SET", null, fields("customFields", fields("budget", null)),
                    fields("customFields", Map.of("budget", 5000))),
            kind("custom EQ", "customFields.tier", "EQ", TextNode.valueOf("gold"), fields("customFields", Map.of("tier", "silver")),
                    fields("customFields", Map.of("tier", "gold"))));

    /** Rule kinds on the owner, for the writes that change only the owner (owner change, claim). */
    record OwnerKind(String name, FieldCondition condition, String startOwner, String badOwner, String goodOwner, String processId) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final List<OwnerKind> OWNER_KINDS = List.of(
            new OwnerKind("ownerId IN", new FieldCondition("ownerId", "IN", SalesProcessFixtures.JSON.createArrayNode().add("own-a").add("own-c")),
                    "own-a", "own-b", "own-c", UUID.randomUUID().toString()),
            new OwnerKind("ownerId NE", new FieldCondition("ownerId", "NE", TextNode.valueOf("own-b")),
                    "own-a", "own-b", "own-c", UUID.randomUUID().toString()),
            new OwnerKind("ownerId GT", new FieldCondition("ownerId", "GT", TextNode.valueOf("own-b")),
                    "own-c", "own-a", "own-d", UUID.randomUUID().toString()));

    static final String APPROVAL_PROCESS = UUID.randomUUID().toString();
    static final String STAY_PROCESS = UUID.randomUUID().toString();

    static boolean published;

    static Stream<Kind> kinds() {
        return Stream.concat(KINDS.stream(), CUSTOM_KINDS.stream());
    }

    static Stream<Kind> leadKinds() {
        return KINDS.stream();
    }

    static Stream<OwnerKind> ownerKinds() {
        return OWNER_KINDS.stream();
    }

    /** "entry" requires the condition; "plain" requires nothing; then won and lost. */
    static SalesProcessSnapshot process(String id, FieldCondition condition, int version) {
        Settings entry = new Settings(null, null, null, false, condition == null ? List.of() : List.of(condition), List.of(), false, null);
        return new SalesProcessSnapshot(id, "Rules " + id.substring(0, 8), version, List.of(
                new Stage("entry", "Entry", StageType.IN_PROGRESS, 20, entry, List.of()),
                new Stage("plain", "Plain", StageType.IN_PROGRESS, 50, null, List.of()),
                new Stage("won", "Won", StageType.WON, 100, null, List.of()),
                new Stage("lost", "Lost", StageType.LOST, 0, null, List.of())));
    }

    /** qualification (leaving it needs an approval) → proposal (entry: amount > {@code minimum}). */
    static SalesProcessSnapshot approvalProcess(int minimum, int version) {
        Settings qualification = new Settings(null, null, new SalesProcessSnapshot.Approval(true, "flow-rules"), false, List.of(),
                List.of(), false, null);
        Settings proposal = new Settings(null, null, null, false, List.of(new FieldCondition("amount", "GT", IntNode.valueOf(minimum))),
                List.of(), false, null);
        return new SalesProcessSnapshot(APPROVAL_PROCESS, "Approved rules", version, List.of(
                new Stage("qualification", "Qualification", StageType.IN_PROGRESS, 10, qualification, List.of()),
                new Stage("proposal", "Proposal", StageType.IN_PROGRESS, 40, proposal, List.of()),
                new Stage("won", "Won", StageType.WON, 100, null, List.of()),
                new Stage("lost", "Lost", StageType.LOST, 0, null, List.of())));
    }

    /** Waits until the service has cached {@code process} at its version (a create no longer says "unknown"). */
    static void publishAndAwait(SalesProcessSnapshot process) {
        SalesProcessFixtures.publish(TENANT, process);
        await().atMost(Duration.ofSeconds(90)).until(() -> {
            Response probe = as(admin).get("/opportunities?stage=nowhere-" + process.id());
            Response created = Api.create(admin, Map.of("name", "probe " + UUID.randomUUID(), "currency", "EUR",
                    "salesProcessId", process.id(), "amount", 1000, "ownerId", "probe"));
            String type = created.path("type");
            return probe.statusCode() == 200 && (created.statusCode() == 201 || type != null && !type.endsWith("/unknown-sales-process"));
        });
    }

    /** Waits until a deal's readiness for {@code stage} names {@code detail}: the new process version is cached. */
    static void awaitRule(String id, String stage, String detail) {
        await().atMost(Duration.ofSeconds(30)).until(() -> as(admin).get("/opportunities/{id}/stage-readiness?to=" + stage, id).asString()
                .contains(detail));
    }

    static void publishApproval(String key, String type, Object data) {
        try {
            io.oppsuite.testsupport.CloudEvents.publish(io.oppsuite.testsupport.SuiteInfra.get().broker().bootstrapServers(),
                    "approval-events", key, UUID.randomUUID().toString(), type, TENANT, SalesProcessFixtures.JSON.writeValueAsString(data));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeEach
    void processes() {
        if (published) {
            return;
        }
        kinds().forEach(k -> SalesProcessFixtures.publish(TENANT, process(k.processId(), k.condition(), 1)));
        OWNER_KINDS.forEach(k -> SalesProcessFixtures.publish(TENANT, process(k.processId(), k.condition(), 1)));
        SalesProcessFixtures.publish(TENANT, approvalProcess(100, 1));
        publishAndAwait(process(STAY_PROCESS, null, 1));
        kinds().forEach(k -> publishAndAwait(process(k.processId(), k.condition(), 1)));
        OWNER_KINDS.forEach(k -> publishAndAwait(process(k.processId(), k.condition(), 1)));
        publishAndAwait(approvalProcess(100, 1));
        published = true;
    }

    static Map<String, Object> body(Kind kind, Map<String, Object> fields) {
        Map<String, Object> body = new HashMap<>(Map.of("name", kind.name() + " " + UUID.randomUUID(), "currency", "EUR",
                "salesProcessId", kind.processId(), "amount", 1000, "ownerId", owner(kind)));
        body.putAll(fields);
        return body;
    }

    static void refusedFor(Response response, String type, String rule) {
        response.then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("https://oppsuite.io/problems/" + type))
                .body("unmetRules.size()", equalTo(1))
                .body("unmetRules[0].name", equalTo(rule)).body("unmetRules[0].holds", equalTo(false));
    }

    /** Each kind's deals belong to an owner of their own, so a count by owner is a count by kind. */
    static String owner(Kind kind) {
        return "owner-" + kind.processId().substring(0, 8);
    }

    static int count(Kind kind) {
        return as(admin).get("/opportunities?owner=" + owner(kind)).then().statusCode(200).extract().path("total");
    }

    static String created(Kind kind) {
        return Api.createId(admin, body(kind, kind.good()));
    }

    @ParameterizedTest(name = "create: {0}")
    @MethodSource("kinds")
    void createRefusesADealThatBreaksItsFirstStage(Kind kind) {
        int before = count(kind);
        refusedFor(Api.create(admin, body(kind, kind.bad())), "stage-conditions-unmet", kind.ruleName());
        assertEquals(before, count(kind), "nothing written");
        Api.create(admin, body(kind, kind.good())).then().statusCode(201).body("stageKey", equalTo("entry"));
    }

    @ParameterizedTest(name = "import row: {0}")
    @MethodSource("kinds")
    void anImportRowThatBreaksTheFirstStageIsThatRowsResult(Kind kind) {
        int before = count(kind);
        as(admin).body(List.of(body(kind, kind.good()), body(kind, kind.bad()), body(kind, kind.good())))
                .post("/opportunities/import").then().statusCode(200)
                .body("created", equalTo(2)).body("invalid", equalTo(1))
                .body("rows[1].outcome", equalTo("INVALID"))
                .body("rows[1].reason", containsString("stage 'entry' not met"))
                .body("rows[1].reason", containsString(kind.condition().field()))
                .body("rows[1].id", nullValue());
        assertEquals(before + 2, count(kind));
    }

    @ParameterizedTest(name = "lead conversion: {0}")
    @MethodSource("leadKinds")
    void aLeadConversionThatBreaksTheFirstStageIsRefusedAndTheLeadStaysFree(Kind kind) {
        String leadId = "lead-" + UUID.randomUUID();
        Map<String, Object> bad = new HashMap<>(Map.of("leadId", leadId, "account", Map.of("id", "acc-l", "name", "Lead Co"),
                "currency", "EUR", "salesProcessId", kind.processId(), "amount", 1000));
        bad.putAll(kind.bad());
        refusedFor(as(admin).body(bad).post("/opportunities/lead-conversions"), "stage-conditions-unmet", kind.ruleName());
        Map<String, Object> good = new HashMap<>(bad);
        good.putAll(kind.good());
        as(admin).body(good).post("/opportunities/lead-conversions").then().statusCode(201).body("leadId", equalTo(leadId));
    }

    @ParameterizedTest(name = "PATCH: {0}")
    @MethodSource("kinds")
    void aPatchThatBreaksTheStageIsRefusedAndReadinessSaysTheSame(Kind kind) {
        String id = created(kind);
        String etag = etag(admin, id);
        Response refused = as(admin).header("If-Match", etag).contentType("application/merge-patch+json").body(kind.bad())
                .patch("/opportunities/{id}", id);
        refusedFor(refused, "stage-conditions-unmet", kind.ruleName());
        as(admin).get("/opportunities/{id}", id).then().header("ETag", etag);
        // the deal as it is meets its stage: readiness for its own stage says so, with the same rule
        as(admin).get("/opportunities/{id}/stage-readiness?to=entry", id).then().statusCode(200).body("ready", equalTo(true))
                .body("rules.find { it.name == '" + kind.ruleName() + "' }.holds", equalTo(true));
        as(admin).header("If-Match", etag).body(Map.of("name", "renamed " + kind.name())).patch("/opportunities/{id}", id)
                .then().statusCode(200).body("name", equalTo("renamed " + kind.name()));
    }

    @ParameterizedTest(name = "move: {0}")
    @MethodSource("kinds")
    void aMoveIntoAStageTheDealBreaksIsRefusedAsReadinessSays(Kind kind) {
        String id = created(kind);
        Api.move(admin, id, "plain", null).then().statusCode(200).body("stageKey", equalTo("plain"));
        // in "plain" nothing is required: the deal may break the condition there
        as(admin).header("If-Match", etag(admin, id)).body(kind.bad()).patch("/opportunities/{id}", id).then().statusCode(200);
        JsonNode readiness = Api.json(as(admin).get("/opportunities/{id}/stage-readiness?to=entry", id).then().statusCode(200)
                .extract().asString());
        assertFalse(readiness.get("ready").asBoolean());
        Response refused = Api.move(admin, id, "entry", null);
        refusedFor(refused, "stage-transition-refused", kind.ruleName());
        List<String> unmetByReadiness = new java.util.ArrayList<>();
        readiness.get("rules").forEach(r -> {
            if (!r.get("holds").asBoolean()) {
                unmetByReadiness.add(r.get("name").asText());
            }
        });
        assertEquals(unmetByReadiness, refused.jsonPath().getList("unmetRules.name"), "readiness gives the write's verdict");
        as(admin).header("If-Match", etag(admin, id)).body(kind.good()).patch("/opportunities/{id}", id).then().statusCode(200);
        as(admin).get("/opportunities/{id}/stage-readiness?to=entry", id).then().body("ready", equalTo(true));
        Api.move(admin, id, "entry", null).then().statusCode(200).body("stageKey", equalTo("entry"));
    }

    static String ownedDeal(OwnerKind kind) {
        return Api.createId(admin, new HashMap<>(Map.of("name", kind.name() + " " + UUID.randomUUID(), "currency", "EUR",
                "salesProcessId", kind.processId(), "amount", 1000, "ownerId", kind.startOwner(), "departmentId", "d-rules")));
    }

    @ParameterizedTest(name = "owner change: {0}")
    @MethodSource("ownerKinds")
    void anOwnerChangeThatBreaksTheStageIsRefused(OwnerKind kind) {
        String id = ownedDeal(kind);
        String etag = etag(admin, id);
        refusedFor(as(admin).header("If-Match", etag).body(Map.of("ownerId", kind.badOwner())).post("/opportunities/{id}/owner", id),
                "stage-conditions-unmet", "entry-condition:ownerId");
        as(admin).get("/opportunities/{id}", id).then().header("ETag", etag).body("ownerId", equalTo(kind.startOwner()));
        as(admin).header("If-Match", etag).body(Map.of("ownerId", kind.goodOwner())).post("/opportunities/{id}/owner", id)
                .then().statusCode(200).body("ownerId", equalTo(kind.goodOwner()));
    }

    @ParameterizedTest(name = "claim: {0}")
    @MethodSource("ownerKinds")
    void aClaimThatBreaksTheStageIsRefusedAndTheDealStaysInItsPool(OwnerKind kind) {
        String pool = as(admin).body(Map.of("name", "Rules pool " + UUID.randomUUID(), "memberDepartments", List.of("d-rules"),
                "memberGroups", List.of())).post("/opportunity-pools").then().statusCode(201).extract().path("id");
        String id = ownedDeal(kind);
        as(admin).header("If-Match", etag(admin, id)).body(Map.of("poolId", pool, "reason", "rules"))
                .post("/opportunities/{id}/return-to-pool", id).then().statusCode(200);
        refusedFor(as(Tokens.inDepartment(TENANT, kind.badOwner(), "d-rules", "sales")).post("/opportunities/{id}/claim", id),
                "stage-conditions-unmet", "entry-condition:ownerId");
        as(admin).get("/opportunities/{id}", id).then().body("poolId", equalTo(pool)).body("ownerId", nullValue());
        as(Tokens.inDepartment(TENANT, kind.goodOwner(), "d-rules", "sales")).post("/opportunities/{id}/claim", id)
                .then().statusCode(200).body("ownerId", equalTo(kind.goodOwner()));
    }

    @Test
    void anApprovedMoveIsDecidedAgainWhenTheApprovalArrives() {
        String id = Api.createId(admin, Map.of("name", "Approved rules " + UUID.randomUUID(), "currency", "EUR",
                "salesProcessId", APPROVAL_PROCESS, "amount", 500));
        String requestId = Api.move(admin, id, "proposal", null).then().statusCode(202).extract().path("pendingMove.approvalRequestId");
        // while the approval waits, the target stage starts requiring more than the deal has
        SalesProcessFixtures.publish(TENANT, approvalProcess(1000, 2));
        awaitRule(id, "proposal", "amount GT 1000");
        publishApproval(requestId, ApprovalEvents.APPROVED,
                new ApprovalEvents.ApprovalOutcome(UUID.randomUUID().toString(), requestId, ApprovalEvents.Trigger.STAGE_COMPLETION,
                        "flow-rules", id, null, "boss-1", "fine", java.time.Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> as(admin).get("/opportunities/{id}", id).path("pendingMove") == null);
        as(admin).get("/opportunities/{id}", id).then().body("stageKey", equalTo("qualification"))
                .body("lastRejection", containsString("amount GT 1000"));
    }

    @Test
    void aDealThatNoLongerMeetsItsStageIsToldSoByReadinessAndByEveryWrite() {
        String id = Api.createId(admin, Map.of("name", "Stay " + UUID.randomUUID(), "currency", "EUR", "salesProcessId", STAY_PROCESS,
                "amount", 1000));
        SalesProcessFixtures.publish(TENANT, process(STAY_PROCESS, new FieldCondition("amount", "GT", IntNode.valueOf(5000)), 2));
        awaitRule(id, "entry", "amount GT 5000");
        JsonNode readiness = Api.json(as(admin).get("/opportunities/{id}/stage-readiness?to=entry", id).asString());
        assertFalse(readiness.get("ready").asBoolean());
        Response refused = as(admin).header("If-Match", etag(admin, id)).body(Map.of("name", "only the name")).patch("/opportunities/{id}", id);
        refusedFor(refused, "stage-conditions-unmet", "entry-condition:amount");
        List<String> unmet = new java.util.ArrayList<>();
        readiness.get("rules").forEach(r -> {
            if (!r.get("holds").asBoolean()) {
                unmet.add(r.get("name").asText());
            }
        });
        assertEquals(unmet, refused.jsonPath().getList("unmetRules.name"));
        as(admin).header("If-Match", etag(admin, id)).body(Map.of("amount", 6000)).patch("/opportunities/{id}", id).then().statusCode(200);
        assertTrue(Api.json(as(admin).get("/opportunities/{id}/stage-readiness?to=entry", id).asString()).get("ready").asBoolean());
    }
}
