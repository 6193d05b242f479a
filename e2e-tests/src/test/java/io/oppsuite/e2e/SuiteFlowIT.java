package io.oppsuite.e2e;

import io.oppsuite.devstack.DevStack;
import io.oppsuite.testsupport.CloudEvents;
import io.oppsuite.testsupport.Tokens;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Flows that cross services over the real broker, with the packaged services. */
class SuiteFlowIT {

    final String tenant = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
    final String admin = Tokens.admin(tenant);

    @Test
    void everyServiceAnswersItsProbes() {
        for (String service : DevStack.SERVICES.keySet()) {
            for (String probe : new String[]{"/q/health/live", "/q/health/ready", "/q/health/started", "/q/metrics", "/q/openapi"}) {
                given().get(Suite.url(service) + probe).then().statusCode(200);
            }
        }
    }

    @Test
    void createdAndMovedOpportunityIsCountedByAnalytics() {
        String process = Suite.publishStandardProcess(tenant);
        String id = createOpportunity(process);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("toStage", "proposal"))
                .header("If-Match", Suite.etag(admin, id)).post(Suite.url("opportunity-service") + "/opportunities/{id}/stage-transitions", id).then().statusCode(200);
        awaitStageCount(process, "proposal", 1);
        awaitStageCount(process, "qualification", 0);
    }

    @Test
    void poisonMessageGoesToTheDeadLetterTopicAndConsumersGoOn() {
        String bootstrap = Suite.get().broker().bootstrapServers();
        // not a CloudEvent at all, and a CloudEvent whose data is not JSON
        CloudEvents.publishRaw(bootstrap, new ProducerRecord<>("opportunity-events", "poison-1", "\u0000garbage"), null, null, null);
        CloudEvents.publishRaw(bootstrap, new ProducerRecord<>("opportunity-events", "poison-2", "{not json"),
                UUID.randomUUID().toString(), "opportunity.created", tenant);
        DeadLetters.await(bootstrap, "analytics-service.dlq", "poison-1", Duration.ofSeconds(60));
        DeadLetters.await(bootstrap, "analytics-service.dlq", "poison-2", Duration.ofSeconds(60));
        // the consumer went on: a valid flow after the poison is still counted
        String process = Suite.publishStandardProcess(tenant);
        createOpportunity(process);
        awaitStageCount(process, "qualification", 1);
    }


    private String createOpportunity(String process) {
        String[] id = new String[1];
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            var response = given().auth().oauth2(admin).contentType(ContentType.JSON)
                    .body(Map.of("name", "E2E " + UUID.randomUUID(), "amount", 5000, "currency", "EUR", "salesProcessId", process,
                            "accountId", "acc-" + UUID.randomUUID()))
                    .post(Suite.url("opportunity-service") + "/opportunities");
            if (response.statusCode() == 201) {
                id[0] = response.jsonPath().getString("id");
                return true;
            }
            return false;
        });
        return id[0];
    }

    private void awaitStageCount(String process, String stage, int expected) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().auth().oauth2(admin).queryParam("salesProcessId", process)
                        .get(Suite.url("analytics-service") + "/analytics/stage-counts")
                        .then().statusCode(200).body("find { it.key == '" + stage + "' }.count", equalTo(expected)));
    }
}
