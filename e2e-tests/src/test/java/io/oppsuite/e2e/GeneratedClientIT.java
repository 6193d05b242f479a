package io.oppsuite.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.oppsuite.client.analytics.api.StageTransitionAnalysisApi;
import io.oppsuite.client.analytics.api.WeightedPipelineApi;
import io.oppsuite.client.analytics.model.WeightedPipeline;
import io.oppsuite.client.opportunity.api.OpportunitiesApi;
import io.oppsuite.client.opportunity.model.CreateOpportunity;
import io.oppsuite.client.opportunity.model.ImportResult;
import io.oppsuite.client.opportunity.model.OpportunityView;
import io.oppsuite.client.opportunity.model.Outcome;
import io.oppsuite.client.opportunity.model.PreconditionFailedProblem;
import io.oppsuite.client.opportunity.model.Readiness;
import io.oppsuite.client.opportunity.model.StageTransitionRequest;
import io.oppsuite.client.opportunity.model.UnprocessableProblem;
import io.oppsuite.client.pipeline.api.SalesProcessesApi;
import io.oppsuite.client.pipeline.model.Condition;
import io.oppsuite.client.pipeline.model.ProcessStageInput;
import io.oppsuite.client.pipeline.model.SalesProcessInput;
import io.oppsuite.client.pipeline.model.SalesProcessSnapshot;
import io.oppsuite.client.pipeline.model.SettingsInput;
import io.oppsuite.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The main flows driven through the Java clients that OpenAPI Generator builds from the services' own
 * documents at build time: a sales process, a deal, its readiness, a refused move read as its typed
 * problem, a move with If-Match, a stale If-Match read as its typed 412, an import, and the analytics of
 * it all. A document that disagrees with the server (a missing body schema, a wrong status, a wrong
 * media type) fails here: the generated client then cannot read the answer.
 */
class GeneratedClientIT {

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    final String tenant = "client-" + UUID.randomUUID().toString().substring(0, 8);
    final String token = Tokens.admin(tenant);

    @Test
    void theMainFlowsThroughTheGeneratedClients() throws Exception {
        SalesProcessesApi processes = new SalesProcessesApi(pipelineClient());
        OpportunitiesApi opportunities = new OpportunitiesApi(opportunityClient());

        // a process whose proposal stage asks for an amount above 5000
        var saved = processes.createSalesProcessWithHttpInfo(new SalesProcessInput()
                .name("Client process " + UUID.randomUUID())
                .stages(List.of(new ProcessStageInput().key("qualification"),
                        new ProcessStageInput().key("proposal").settings(new SettingsInput()
                                .entryConditions(List.of(new Condition().field("amount").operator("GT").value(5000)))),
                        new ProcessStageInput().key("won"), new ProcessStageInput().key("lost"), new ProcessStageInput().key("invalid"))),
                null);
        assertEquals(201, saved.getStatusCode());
        assertTrue(saved.getHeaders().containsKey("location"), "Location declared and sent");
        SalesProcessSnapshot process = saved.getData();
        assertEquals(5, process.getStages().size());

        // a deal with it, in the very next request
        var created = opportunities.createOpportunityWithHttpInfo(new CreateOpportunity().name("Client deal " + UUID.randomUUID())
                .accountId("acc-" + UUID.randomUUID()).accountName("Acme").ownerId("rep-1").amount(new BigDecimal("1000"))
                .currency("EUR").salesProcessId(process.getId()), null);
        assertEquals(201, created.getStatusCode());
        OpportunityView deal = created.getData();
        assertEquals("qualification", deal.getStageKey());
        String etag = created.getHeaders().get("etag").get(0);
        UUID id = UUID.fromString(deal.getId());

        // readiness and the refused move agree, and the refusal reads as its typed problem
        Readiness readiness = opportunities.getStageReadiness(id, "proposal");
        assertFalse(readiness.getReady());
        var refused = assertThrows(io.oppsuite.client.opportunity.ApiException.class,
                () -> opportunities.moveOpportunity(id, etag, new StageTransitionRequest().toStage("proposal")));
        assertEquals(422, refused.getCode());
        UnprocessableProblem problem = JSON.readValue(refused.getResponseBody(), UnprocessableProblem.class);
        assertTrue(problem.getType().toString().endsWith("/stage-transition-refused"), problem.toString());
        assertEquals(readiness.getRules().stream().filter(r -> !r.getHolds()).count(), problem.getUnmetRules().size());

        // meet the condition (merge patch), then move with the new ETag
        var patched = opportunities.updateOpportunityWithHttpInfo(id, etag, Map.of("amount", 6000));
        String patchedTag = patched.getHeaders().get("etag").get(0);
        assertNotEquals(etag, patchedTag);
        var moved = opportunities.moveOpportunityWithHttpInfo(id, patchedTag, new StageTransitionRequest().toStage("proposal"));
        assertEquals(200, moved.getStatusCode());
        assertEquals("proposal", moved.getData().getStageKey());

        // a stale If-Match is a typed 412 with the current version
        var stale = assertThrows(io.oppsuite.client.opportunity.ApiException.class,
                () -> opportunities.moveOpportunity(id, etag, new StageTransitionRequest().toStage("won")));
        assertEquals(412, stale.getCode());
        PreconditionFailedProblem precondition = JSON.readValue(stale.getResponseBody(), PreconditionFailedProblem.class);
        assertEquals(moved.getData().getVersion(), precondition.getCurrentVersion());

        // an import of two rows
        ImportResult imported = opportunities.importOpportunities(List.of(
                new CreateOpportunity().name("Imported A " + UUID.randomUUID()).accountId("acc-" + UUID.randomUUID())
                        .ownerId("rep-1").amount(new BigDecimal("2000")).currency("EUR").salesProcessId(process.getId()),
                new CreateOpportunity().name("Imported B " + UUID.randomUUID()).accountId("acc-" + UUID.randomUUID())
                        .ownerId("rep-2").amount(new BigDecimal("3000")).currency("EUR").salesProcessId(process.getId())));
        assertEquals(2, imported.getRows().size());
        assertTrue(imported.getRows().stream().allMatch(r -> r.getOutcome() == Outcome.CREATED), imported.toString());

        // analytics sees the three deals: two in qualification, one in proposal
        WeightedPipelineApi pipeline = new WeightedPipelineApi(analyticsClient());
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            WeightedPipeline byStage = pipeline.getWeightedPipeline(null, "stage", null, process.getId(), null);
            assertEquals(3, byStage.getTotal().getOpportunities(), byStage.toString());
        });
        var report = new StageTransitionAnalysisApi(analyticsClient()).getStageTransitionReport(process.getId(), null, null, null, null, null, null, null);
        assertTrue(report.getStages().stream().anyMatch(s -> "proposal".equals(s.getKey()) && s.getTotalOpportunities() == 1), report.toString());
    }

    private io.oppsuite.client.pipeline.ApiClient pipelineClient() {
        var client = new io.oppsuite.client.pipeline.ApiClient(HttpClient.newBuilder(), JSON, Suite.url("pipeline-config-service"));
        return client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
    }

    private io.oppsuite.client.opportunity.ApiClient opportunityClient() {
        var client = new io.oppsuite.client.opportunity.ApiClient(HttpClient.newBuilder(), JSON, Suite.url("opportunity-service"));
        return client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
    }

    private io.oppsuite.client.analytics.ApiClient analyticsClient() {
        var client = new io.oppsuite.client.analytics.ApiClient(HttpClient.newBuilder(), JSON, Suite.url("analytics-service"));
        return client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
    }
}
