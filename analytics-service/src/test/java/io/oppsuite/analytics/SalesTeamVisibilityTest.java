package io.oppsuite.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import io.oppsuite.analytics.support.EventPublisher;
import io.oppsuite.analytics.support.GeneratedEvent;
import io.oppsuite.common.contracts.OpportunityEvents;
import io.oppsuite.common.contracts.OpportunityEvents.SalesTeamChanged;
import io.oppsuite.common.contracts.OpportunityEvents.TeamAccess;
import io.oppsuite.common.contracts.OpportunityEvents.TeamChange;
import io.oppsuite.common.contracts.OpportunityEvents.TeamMember;
import io.oppsuite.common.contracts.OpportunityState;
import io.oppsuite.common.contracts.StageType;
import io.oppsuite.common.events.Topics;
import io.oppsuite.testsupport.SalesProcessFixtures;
import io.oppsuite.testsupport.SuiteTestResource;
import io.oppsuite.testsupport.Tokens;
import io.oppsuite.analytics.rebuild.OperatorInterface;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Sales teams widen what a caller sees in analytics, through the broker and the API: a rep or manager on a
 * colleague's deal's team (opportunity.sales-team-changed) sees it counted in the stage transition report (what
 * the funnel draws), the stage counts, the weighted pipeline and a report as of a past instant; once removed
 * from the team they do not; a rep on no team never does; a rep naming another employee as teamMemberId is a
 * 403, naming another owner narrows to that owner's deals on their teams; another tenant's team event widens
 * nothing; a redelivered or stale team event changes nothing; a deleted deal drops its team for good; and
 * the teams survive a tenant rebuild, a bootstrap from the topic and the topic forgetting them; a team event
 * breaking the contract is dead-lettered.
 */
@QuarkusTest
@QuarkusTestResource(value = SuiteTestResource.class, initArgs = @ResourceArg(name = "database", value = "oppsuite_analytics_test"))
class SalesTeamVisibilityTest {

    final String tenant = "t-" + UUID.randomUUID();
    final String otherTenant = "t-" + UUID.randomUUID();
    final String process = UUID.randomUUID().toString();
    // deal ids shared by both tenants: another tenant's deal of the same id is another deal
    final String d1 = "d1-" + UUID.randomUUID();
    final String d2 = "d2-" + UUID.randomUUID();
    final Instant created = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

    final String admin = Tokens.admin(tenant);
    final String owner = Tokens.inDepartment(tenant, "rep-1", "dep-east", "sales");
    final String member = Tokens.inDepartment(tenant, "rep-3", "dep-west", "sales");
    final String outsider = Tokens.inDepartment(tenant, "rep-4", "dep-west", "sales");
    final String d2Member = Tokens.inDepartment(tenant, "rep-5", "dep-east", "sales");
    final String westManager = Tokens.inDepartment(tenant, "mgr-w", "dep-west", "manager");

    @Inject
    OperatorInterface operator;

    OpportunityState state(String id, String process, String owner, String department, long version, int amount, int winRate) {
        return new OpportunityState(id, "Deal " + id, "acc", "Initech", owner, department, BigDecimal.valueOf(amount), "EUR",
                BigDecimal.valueOf(winRate), LocalDate.parse("2026-12-31"), process, "qualification", StageType.IN_PROGRESS,
                "ACTIVE", created, created, version);
    }

    OpportunityState d1(long version) {
        return state(d1, process, "rep-1", "dep-east", version, 1000, 50);
    }

    OpportunityState d2(long version) {
        return state(d2, process, "rep-2", "dep-west", version, 3000, 20);
    }

    static GeneratedEvent createdEvent(OpportunityState state, Instant at) {
        return new GeneratedEvent(UUID.randomUUID().toString(), OpportunityEvents.CREATED, state, null, null, null, at, null);
    }

    /** A team event as opportunity-service sends it: the whole team after the change. */
    record TeamEvent(String id, String tenant, OpportunityState opportunity, List<TeamMember> team, TeamChange change, TeamMember member) {
        TeamEvent withId(String newId) {
            return new TeamEvent(newId, tenant, opportunity, team, change, member);
        }
    }

    static TeamMember reader(String employee) {
        return new TeamMember(employee, "Sales Engineer", TeamAccess.READ);
    }

    static TeamMember editor(String employee) {
        return new TeamMember(employee, "Account Manager", TeamAccess.EDIT);
    }

    static TeamEvent team(String tenant, OpportunityState opportunity, TeamChange change, TeamMember member, TeamMember... team) {
        return new TeamEvent(UUID.randomUUID().toString(), tenant, opportunity, List.of(team), change, member);
    }

    static void publish(EventPublisher publisher, TeamEvent e) {
        try {
            String json = SalesProcessFixtures.JSON.writeValueAsString(
                    new SalesTeamChanged(e.opportunity(), e.team(), e.change(), e.member(), "rep-1"));
            publisher.send(Topics.OPPORTUNITY_EVENTS, e.opportunity().id(), e.id(), OpportunityEvents.SALES_TEAM_CHANGED, e.tenant(), json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException x) {
            throw new IllegalStateException(x);
        }
    }

    void publish(String tenant, GeneratedEvent... events) {
        try (EventPublisher publisher = new EventPublisher()) {
            publisher.publishAll(tenant, List.of(events));
        }
    }

    void publish(TeamEvent... events) {
        try (EventPublisher publisher = new EventPublisher()) {
            for (TeamEvent e : events) {
                publish(publisher, e);
            }
            publisher.flush();
        }
    }

    // --- what the caller sees

    static JsonNode get(String token, String path, Map<String, ?> query) {
        return StageTransitionAnalysisTest.get(token, path, query);
    }

    JsonNode report(String token, Map<String, ?> query) {
        return get(token, "/analytics/sales-processes/" + process + "/stage-transitions", query);
    }

    /** {deals in the report's first stage, their forecast (amount × win rate), stage counts there, weighted pipeline deals, weighted amount}. */
    List<String> seen(String token, Map<String, String> query) {
        JsonNode qualification = report(token, query).get("stages").get(0);
        assertEquals("qualification", qualification.get("key").asText());
        JsonNode pipeline = get(token, "/analytics/weighted-pipeline", with(query, "salesProcessId", process)).get("total");
        String count = "-";
        if (query.isEmpty()) {
            JsonNode counts = get(token, "/analytics/stage-counts", Map.of("salesProcessId", process));
            count = String.valueOf(counts.get(0).get("count").asLong());
        }
        return List.of(qualification.get("totalOpportunities").asText(), qualification.get("totalAmount").asText(), count,
                pipeline.get("opportunities").asText(), pipeline.get("weightedAmount").asText());
    }

    /** What {@link #seen} answers for: none, d1 (1000 × 50 %), d2 (3000 × 20 %), or both. */
    static List<String> none(boolean unfiltered) {
        return List.of("0", "0.00", unfiltered ? "0" : "-", "0", "0.00");
    }

    static List<String> onlyD1(boolean unfiltered) {
        return List.of("1", "500.00", unfiltered ? "1" : "-", "1", "500.00");
    }

    static List<String> onlyD2(boolean unfiltered) {
        return List.of("1", "600.00", unfiltered ? "1" : "-", "1", "600.00");
    }

    static List<String> both(boolean unfiltered) {
        return List.of("2", "1100.00", unfiltered ? "2" : "-", "2", "1100.00");
    }

    /** The report as of a past instant (recounted from the stored log; teams as they are now). */
    long countAsOf(String token, Instant asOf, Map<String, String> query) {
        return report(token, with(query, "asOf", asOf.toString())).get("stages").get(0).get("totalOpportunities").asLong();
    }

    static Map<String, String> with(Map<String, String> query, String key, String value) {
        Map<String, String> q = new HashMap<>(query);
        q.put(key, value);
        return q;
    }

    static Map<String, String> q(String... pairs) {
        Map<String, String> q = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            q.put(pairs[i], pairs[i + 1]);
        }
        return q;
    }

    void awaitSeen(String token, Map<String, String> query, List<String> expected) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> assertEquals(expected, seen(token, query)));
    }

    /** The process's snapshot has been applied (its topic is another than the deals'): a caller seeing no deal gets its empty report, not a 404. */
    void awaitProcessKnown(String tenant) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> given().auth().oauth2(Tokens.admin(tenant))
                .get("/analytics/sales-processes").jsonPath().getList("id").contains(process));
    }

    /** Processed once this sentinel (a deal of the same id in a tenant of its own) is: a later record of the same key (hence partition) as the deal. */
    void awaitProcessedBehind(String dealId) {
        String sentinelTenant = "t-sentinel-" + UUID.randomUUID();
        publish(sentinelTenant, createdEvent(state(dealId, "p-sentinel", "rep-1", "dep-east", 1, 1, 10), Instant.now()));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> get(Tokens.admin(sentinelTenant),
                "/analytics/sales-processes/p-sentinel/stage-transitions", Map.of()).get("stages").get(0).get("totalOpportunities").asLong() == 1);
    }

    @Test
    void teamMembersSeeTheDealInEveryScopedReportUntilRemovedAndNeverThroughAnotherTenant() throws Exception {
        SalesProcessFixtures.publish(tenant, SalesProcessFixtures.standard(process, 1));
        SalesProcessFixtures.publish(otherTenant, SalesProcessFixtures.standard(process, 1));
        awaitProcessKnown(tenant);
        awaitProcessKnown(otherTenant);
        // another tenant: a deal of the same id as d2 with rep-3 on its team; it must widen nothing here
        publish(otherTenant, createdEvent(state(d2, process, "x-rep", "dep-west", 1, 7000, 50), created));
        publish(team(otherTenant, state(d2, process, "x-rep", "dep-west", 1, 7000, 50), TeamChange.ADDED, reader("rep-3"), reader("rep-3")));

        GeneratedEvent d1Created = createdEvent(d1(1), created);
        publish(tenant, d1Created, createdEvent(d2(1), created));
        // d1's team named on create: one event per member, each with the team as it stood after it
        TeamEvent rep3Added = team(tenant, d1(1), TeamChange.ADDED, reader("rep-3"), reader("rep-3"));
        TeamEvent mgrAdded = team(tenant, d1(1), TeamChange.ADDED, editor("mgr-w"), reader("rep-3"), editor("mgr-w"));
        publish(rep3Added, mgrAdded, team(tenant, d2(1), TeamChange.ADDED, reader("rep-5"), reader("rep-5")));

        // a rep on a colleague's deal's team: counted in the report (the funnel), the stage counts and the pipeline
        awaitSeen(member, Map.of(), onlyD1(true));
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> get(Tokens.issue(otherTenant, "rep-3", "sales"),
                "/analytics/sales-processes/" + process + "/stage-transitions", Map.of()).get("stages").get(0).get("totalOpportunities").asLong() == 1);
        // ... and nothing of the other tenant's team: its d2 is another deal
        assertEquals(onlyD1(true), seen(member, Map.of()));
        assertEquals(onlyD1(false), seen(member, q("teamMemberId", "rep-3")));
        assertEquals(onlyD1(false), seen(member, q("ownerId", "rep-1")), "another owner narrows to their deals on my teams");
        assertEquals(none(false), seen(member, q("ownerId", "rep-2")));
        assertEquals(onlyD1(false), seen(member, q("from", created.toString())), "a date filter keeps the team scope");
        Instant asOf = Instant.now().minusSeconds(1);
        assertEquals(1, countAsOf(member, asOf, Map.of()));
        // the owner still sees their deal; a rep on no team sees nothing of others'
        assertEquals(onlyD1(true), seen(owner, Map.of()));
        assertEquals(none(true), seen(outsider, Map.of()));
        assertEquals(0, countAsOf(outsider, asOf, Map.of()));
        assertEquals(onlyD2(true), seen(d2Member, Map.of()));
        // a manager: their department's deals (d2) and the deals whose team they are on (d1)
        assertEquals(both(true), seen(westManager, Map.of()));
        assertEquals(onlyD1(false), seen(westManager, q("departmentId", "dep-east")), "another department: its deals on my teams");
        assertEquals(onlyD1(false), seen(westManager, q("teamMemberId", "rep-3")));
        assertEquals(2, countAsOf(westManager, asOf, Map.of()));
        // the admin sees everything and may ask for anyone's teams
        assertEquals(onlyD1(false), seen(admin, q("teamMemberId", "rep-3")));
        assertEquals(onlyD2(false), seen(admin, q("teamMemberId", "rep-5")));
        assertEquals(none(false), seen(admin, q("teamMemberId", "rep-4")));
        assertEquals(1, countAsOf(admin, asOf, q("teamMemberId", "mgr-w")));
        assertEquals(both(true), seen(admin, Map.of()));

        // a rep naming another team member: 403, on every report that takes it
        for (String path : List.of("/analytics/sales-processes/" + process + "/stage-transitions", "/analytics/weighted-pipeline")) {
            given().auth().oauth2(member).queryParam("teamMemberId", "rep-5").get(path)
                    .then().statusCode(403).contentType(startsWith("application/problem+json"));
        }

        // redelivered (same id) and a copy under a new id: each deal still counted once
        publish(tenant, d1Created);
        publish(rep3Added, mgrAdded, mgrAdded.withId(UUID.randomUUID().toString()));
        awaitProcessedBehind(d1);
        assertEquals(onlyD1(true), seen(member, Map.of()));
        assertEquals(both(true), seen(westManager, Map.of()));

        // rep-3 removed (the deal's version moved on): out of their scope as soon as the event is processed
        publish(team(tenant, d1(2), TeamChange.REMOVED, reader("rep-3"), editor("mgr-w")));
        awaitSeen(member, Map.of(), none(true));
        assertEquals(0, countAsOf(member, asOf, Map.of()), "a past report too: the team as it is now");
        assertEquals(none(false), seen(member, q("teamMemberId", "rep-3")));
        assertEquals(none(false), seen(member, q("ownerId", "rep-1")));
        assertEquals(both(true), seen(westManager, Map.of()), "the others stay");
        // the add redelivered (same id: the inbox has it) and a stale copy of it (an older version): still out
        publish(rep3Added, rep3Added.withId(UUID.randomUUID().toString()));
        awaitProcessedBehind(d1);
        assertEquals(none(true), seen(member, Map.of()));

        // the teams are not derived from the log: a tenant rebuild keeps them; a bootstrap replaying the topic
        // (the add, then the removal, then the stale copy) leaves the newest team
        given().auth().oauth2(admin).post("/analytics/admin/rebuild").then().statusCode(200);
        Response bootstrapped = StageTransitionAnalysisTest.operator(operator.port(), "/bootstrap-from-topics");
        assertEquals(200, bootstrapped.statusCode(), bootstrapped.asString());
        assertEquals(none(true), seen(member, Map.of()));
        assertEquals(both(true), seen(westManager, Map.of()));
        assertEquals(onlyD2(true), seen(d2Member, Map.of()));

        // d1 deleted: its team goes with it (mgr-w no longer sees it, even as of before the deletion), and a team
        // event arriving after the deletion brings nothing back
        Instant beforeDeletion = Instant.now().minusSeconds(1);
        assertEquals(2, countAsOf(westManager, beforeDeletion, Map.of()));
        publish(tenant, new GeneratedEvent(UUID.randomUUID().toString(), OpportunityEvents.DELETED, d1(3), null, null, null,
                Instant.now(), null));
        awaitSeen(westManager, Map.of(), onlyD2(true));
        assertEquals(1, countAsOf(westManager, beforeDeletion, Map.of()));
        assertEquals(2, countAsOf(admin, beforeDeletion, Map.of()), "the admin's past report still has the deal");
        publish(team(tenant, d1(4), TeamChange.ADDED, reader("rep-4"), editor("mgr-w"), reader("rep-4")));
        awaitProcessedBehind(d1);
        assertEquals(none(true), seen(outsider, Map.of()));
        assertEquals(0, countAsOf(outsider, beforeDeletion, Map.of()));
        assertEquals(1, countAsOf(westManager, beforeDeletion, Map.of()));

        // the topic forgets every record (retention): a rebuild and a bootstrap still keep d2's team
        StageTransitionAnalysisTest.deleteEveryRecordOfTheTopic();
        given().auth().oauth2(admin).post("/analytics/admin/rebuild").then().statusCode(200);
        assertEquals(200, StageTransitionAnalysisTest.operator(operator.port(), "/bootstrap-from-topics").statusCode());
        assertEquals(onlyD2(true), seen(d2Member, Map.of()));
        assertEquals(onlyD2(false), seen(admin, q("teamMemberId", "rep-5")));
        assertEquals(none(true), seen(member, Map.of()));
    }

    @Test
    void aTeamEventBreakingTheContractIsDeadLetteredAndTheNextOneApplies() {
        SalesProcessFixtures.publish(tenant, SalesProcessFixtures.standard(process, 1));
        awaitProcessKnown(tenant);
        publish(tenant, createdEvent(d1(1), created));
        // a member without access: poison, to analytics-service.dlq; the deal's later events go on
        try (EventPublisher publisher = new EventPublisher()) {
            publisher.send(Topics.OPPORTUNITY_EVENTS, d1, UUID.randomUUID().toString(), OpportunityEvents.SALES_TEAM_CHANGED, tenant,
                    "{\"opportunity\":" + SalesProcessFixtures.JSON.valueToTree(d1(1)) + ",\"team\":[{\"employeeId\":\"rep-4\"}],"
                            + "\"change\":\"ADDED\",\"member\":{\"employeeId\":\"rep-4\"}}");
            publish(publisher, team(tenant, d1(1), TeamChange.ADDED, reader("rep-3"), reader("rep-3")));
            publisher.flush();
        }
        ConsumerFailureTest.awaitDeadLetter(d1);
        awaitSeen(member, Map.of(), onlyD1(true));
        assertEquals(none(true), seen(outsider, Map.of()));
    }
}
