package io.oppsuite.approval;

import com.fasterxml.jackson.databind.JsonNode;
import io.oppsuite.common.contracts.ApprovalEvents;
import io.oppsuite.common.contracts.HoldingEvents;
import io.oppsuite.common.events.Topics;
import io.oppsuite.testsupport.CloudEvents;
import io.oppsuite.testsupport.SalesProcessFixtures;
import io.oppsuite.testsupport.SuiteInfra;
import io.oppsuite.testsupport.Tokens;
import io.oppsuite.testsupport.TopicProbe;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** What other services would send approval-service, and how tests read what it answers. */
public final class ApprovalFixtures {

    private ApprovalFixtures() {
    }

    /** Creates a flow as the tenant's admin and returns its id. */
    public static String createFlow(String tenant, Map<String, Object> flow) {
        return given().auth().oauth2(Tokens.admin(tenant)).contentType(ContentType.JSON).body(flow)
                .post("/approval-flows").then().statusCode(201).extract().path("id");
    }

    public static Map<String, Object> creationFlow(String name, List<Map<String, Object>> steps) {
        Map<String, Object> flow = new LinkedHashMap<>();
        flow.put("name", name);
        flow.put("trigger", "OPPORTUNITY_CREATION");
        flow.put("conditions", List.of(Map.of("field", "amount", "operator", "GTE", "value", 100000)));
        flow.put("steps", steps);
        return flow;
    }

    public static Map<String, Object> employees(String mode, String... ids) {
        return Map.of("name", "Named " + String.join(",", ids), "approverType", "EMPLOYEES", "employeeIds", List.of(ids), "mode", mode);
    }

    public static Map<String, Object> role(String role) {
        return Map.of("name", "Role " + role, "approverType", "ROLE", "role", role, "mode", "ANY");
    }

    public static Map<String, Object> ownerManager() {
        return Map.of("name", "Owner's manager", "approverType", "OWNER_MANAGER", "mode", "ANY");
    }

    public static Map<String, Object> opportunity(String id, String ownerId, String departmentId) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("id", id);
        o.put("name", "Deal " + id.substring(0, 8));
        o.put("accountId", "acc-1");
        o.put("ownerId", ownerId);
        o.put("departmentId", departmentId);
        o.put("amount", 250000);
        o.put("currency", "EUR");
        o.put("salesProcessId", "process-1");
        o.put("stageKey", "qualification");
        o.put("status", "PENDING_APPROVAL");
        o.put("version", 0);
        return o;
    }

    /** opportunity.approval-requested, as opportunity-service publishes it (key = opportunity id). */
    public static void publishRequest(String tenant, String eventId, String requestId, ApprovalEvents.Trigger trigger, String flowId,
                                      Map<String, Object> opportunity, String fromStage, String toStage, String requestedBy) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("requestId", requestId);
        data.put("trigger", trigger.name());
        data.put("flowId", flowId);
        data.put("opportunity", opportunity);
        data.put("fromStage", fromStage);
        data.put("toStage", toStage);
        data.put("requestedBy", requestedBy);
        data.put("requestedAt", Instant.now().toString());
        publish(Topics.OPPORTUNITY_EVENTS, opportunity.get("id").toString(), eventId,
                ApprovalEvents.APPROVAL_REQUESTED_BY_OPPORTUNITY, tenant, write(data));
    }

    /** employee.upserted, as holding-service publishes its directory. */
    public static void publishEmployee(String tenant, String eventId, String employeeId, String departmentId, String managerId) {
        HoldingEvents.Employee employee = new HoldingEvents.Employee(employeeId, "Employee " + employeeId, departmentId, managerId,
                List.of(), Map.of());
        publish(Topics.HOLDING_EVENTS, employeeId, eventId, HoldingEvents.EMPLOYEE_UPSERTED, tenant, write(employee));
    }

    public static void publish(String topic, String key, String eventId, String type, String tenant, String json) {
        CloudEvents.publish(SuiteInfra.get().broker().bootstrapServers(), topic, key, eventId, type, tenant, json);
    }

    /** Waits until the tenant's admin sees the approval opened for requestId and returns its id. */
    public static String awaitApproval(String tenant, String requestId) {
        String[] id = new String[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            List<Map<String, Object>> approvals = given().auth().oauth2(Tokens.admin(tenant)).get("/approvals?size=200")
                    .then().statusCode(200).extract().jsonPath().getList("items");
            approvals.stream().filter(a -> requestId.equals(a.get("requestId"))).findFirst()
                    .ifPresent(a -> id[0] = a.get("id").toString());
            return id[0] != null;
        });
        return id[0];
    }

    /** An approval opened as opportunity-service would open it, and the ids that name it. */
    public record Opened(String approvalId, String opportunityId, String requestId) {
    }

    /** Publishes a creation request for a new opportunity of ownerId (who also requests it) and waits for its approval. */
    public static Opened openCreationApproval(String tenant, String flowId, String ownerId, String departmentId) {
        String opportunityId = UUID.randomUUID().toString();
        String requestId = UUID.randomUUID().toString();
        publishRequest(tenant, UUID.randomUUID().toString(), requestId, ApprovalEvents.Trigger.OPPORTUNITY_CREATION, flowId,
                opportunity(opportunityId, ownerId, departmentId), null, null, ownerId);
        return new Opened(awaitApproval(tenant, requestId), opportunityId, requestId);
    }

    public static Map<String, Object> decision(String decision, String comment) {
        return Map.of("decision", decision, "comment", comment);
    }

    /** Records on approval-events of one type (and, optionally, data matching). */
    public static Predicate<ConsumerRecord<String, String>> event(String key, String type) {
        return r -> key.equals(r.key()) && type.equals(CloudEvents.header(r, "ce_type"));
    }

    public static List<ConsumerRecord<String, String>> awaitEvents(String key, String type, int count) {
        return TopicProbe.await(Topics.APPROVAL_EVENTS, event(key, type), count, Duration.ofSeconds(30));
    }

    public static JsonNode data(ConsumerRecord<String, String> record) {
        try {
            return SalesProcessFixtures.JSON.readTree(record.value());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    public static String write(Object value) {
        try {
            return SalesProcessFixtures.JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
