package io.oppsuite.opportunity;

import io.oppsuite.common.contracts.SalesProcessSnapshot;
import io.oppsuite.common.contracts.StageType;
import io.oppsuite.testsupport.SalesProcessFixtures;
import io.oppsuite.testsupport.SuiteTestResource;
import io.oppsuite.testsupport.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.oppsuite.opportunity.Api.create;
import static io.oppsuite.opportunity.Api.createId;
import static io.oppsuite.opportunity.Api.move;
import static io.oppsuite.opportunity.Api.opportunity;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Read your writes across services: a sales process pipeline-config-service has
 * saved, but whose event has not reached this service, is used by the very next request; a process
 * nobody knows is a 422; pipeline-config-service unreachable is a 503 with Retry-After, or the cached
 * copy when there is one. The processes here exist only in the pipeline-config stand-in, never on the topic.
 */
@QuarkusTest
@QuarkusTestResource(value = SuiteTestResource.class, initArgs = @ResourceArg(name = "database", value = "oppsuite_opportunity_test"))
@QuarkusTestResource(HoldingStub.class)
class SalesProcessReadThroughTest {

    static final String TENANT = "read-through";
    final String rep = Tokens.issue(TENANT, "rep-rt", "sales");

    @AfterEach
    void reachable() {
        System.clearProperty(PipelineConfigStub.UNAVAILABLE);
    }

    @Test
    void aProcessJustSavedIsUsableByTheNextRequest() {
        for (int i = 0; i < 20; i++) {
            String process = UUID.randomUUID().toString();
            PipelineConfigStub.save(TENANT, SalesProcessFixtures.standard(process, 1));
            createId(rep, opportunity("fresh " + i, process));
        }
        assertTrue(PipelineConfigStub.CALLS.stream().anyMatch(c -> c.startsWith("GET ") && c.endsWith(" - bearer")),
                "read through with the caller's token: " + PipelineConfigStub.CALLS);
    }

    @Test
    void aNewerVersionThanTheCachedOneIsReadThrough() {
        String process = UUID.randomUUID().toString();
        Api.publishAndAwait(TENANT, SalesProcessFixtures.standard(process, 1), rep);
        PipelineConfigStub.save(TENANT, SalesProcessFixtures.standard(process, 1));
        String id = createId(rep, opportunity("versioned", process));
        // version 2 adds "demo" after qualification; the event never comes, the next move still sees it
        List<SalesProcessSnapshot.Stage> stages = new ArrayList<>(SalesProcessFixtures.standard(process, 1).stages());
        stages.add(1, new SalesProcessSnapshot.Stage("demo", "Demo", StageType.IN_PROGRESS, 30, null, List.of()));
        PipelineConfigStub.save(TENANT, new SalesProcessSnapshot(process, "Standard v2", 2, stages));
        move(rep, id, "demo", null).then().statusCode(200).body("stageKey", equalTo("demo"));
        assertTrue(PipelineConfigStub.CALLS.contains("GET " + process + " \"1\" bearer"),
                "the cached version was checked with If-None-Match: " + PipelineConfigStub.CALLS);
    }

    @Test
    void aProcessNobodyKnowsIsUnknown() {
        create(rep, opportunity("nowhere", UUID.randomUUID().toString())).then().statusCode(422)
                .body("type", equalTo("https://oppsuite.io/problems/unknown-sales-process"));
        create(rep, opportunity("not an id", "not-a-uuid")).then().statusCode(422);
    }

    @Test
    void pipelineConfigUnreachableIsA503UnlessTheCacheHasTheProcess() {
        String cachedProcess = UUID.randomUUID().toString();
        Api.publishAndAwait(TENANT, SalesProcessFixtures.standard(cachedProcess, 1), rep);
        String saved = UUID.randomUUID().toString();
        PipelineConfigStub.save(TENANT, SalesProcessFixtures.standard(saved, 1));
        System.setProperty(PipelineConfigStub.UNAVAILABLE, "true");
        Response refused = create(rep, opportunity("unreachable", saved));
        refused.then().statusCode(503).header("Retry-After", notNullValue())
                .body("type", equalTo("https://oppsuite.io/problems/dependency-unavailable"));
        createId(rep, opportunity("from the cache", cachedProcess));
        System.clearProperty(PipelineConfigStub.UNAVAILABLE);
        createId(rep, opportunity("reachable again", saved));
    }
}
