package io.oppsuite.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.oppsuite.common.contracts.PipelineConfigEvents;
import io.oppsuite.common.contracts.SalesProcessSnapshot;
import io.oppsuite.common.contracts.SalesProcessSnapshot.Stage;
import io.oppsuite.common.contracts.StageType;
import io.oppsuite.common.events.Topics;

import java.util.List;
import java.util.UUID;

/** Sales processes as pipeline-config-service publishes them, for services that consume them. */
public final class SalesProcessFixtures {

    public static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private SalesProcessFixtures() {
    }

    /** qualification → proposal → negotiation → won | lost | invalid, no rules. */
    public static SalesProcessSnapshot standard(String id, long version) {
        return new SalesProcessSnapshot(id, "Standard " + id.substring(0, 8), version, List.of(
                new Stage("qualification", "Qualification", StageType.IN_PROGRESS, 10, null, List.of()),
                new Stage("proposal", "Proposal", StageType.IN_PROGRESS, 40, null, List.of()),
                new Stage("negotiation", "Negotiation", StageType.IN_PROGRESS, 70, null, List.of()),
                new Stage("won", "Won", StageType.WON, 100, null, List.of()),
                new Stage("lost", "Lost", StageType.LOST, 0, null, List.of()),
                new Stage("invalid", "Invalid", StageType.INVALID, 0, null, List.of())));
    }

    /** qualification (lasts {@code firstStageDuration}, ISO-8601, then the owner is reminded) → proposal → won | lost | invalid. */
    public static SalesProcessSnapshot timed(String id, String firstStageDuration) {
        SalesProcessSnapshot.Settings first = new SalesProcessSnapshot.Settings(firstStageDuration,
                new SalesProcessSnapshot.OverdueReminder(true, List.of("OWNER")), null, false, List.of(), List.of(), false, null);
        return new SalesProcessSnapshot(id, "Timed " + id.substring(0, 8), 1, List.of(
                new Stage("qualification", "Qualification", StageType.IN_PROGRESS, 10, first, List.of()),
                new Stage("proposal", "Proposal", StageType.IN_PROGRESS, 40, null, List.of()),
                new Stage("won", "Won", StageType.WON, 100, null, List.of()),
                new Stage("lost", "Lost", StageType.LOST, 0, null, List.of()),
                new Stage("invalid", "Invalid", StageType.INVALID, 0, null, List.of())));
    }

    public static void publish(String tenant, SalesProcessSnapshot process) {
        try {
            CloudEvents.publish(SuiteInfra.get().broker().bootstrapServers(), Topics.PIPELINE_CONFIG_EVENTS, process.id(),
                    UUID.randomUUID().toString(), PipelineConfigEvents.SALES_PROCESS_UPSERTED, tenant, JSON.writeValueAsString(process));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
