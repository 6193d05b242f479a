package io.oppsuite.holding;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oppsuite.testsupport.Tokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;

/** The holding-service calls tests make, with tokens of a fresh tenant per test. */
final class HoldingApi {

    private HoldingApi() {
    }

    static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String newTenant() {
        return "t-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String admin(String tenant) {
        return Tokens.admin(tenant);
    }

    static String sales(String tenant, String employee) {
        return Tokens.issue(tenant, employee, "sales");
    }

    static Response sync(String tenant, Map<String, ?> body) {
        return given().auth().oauth2(admin(tenant)).contentType(ContentType.JSON).body(body).put("/directory");
    }

    /** Puts these employees into the directory (a department of that id too, when given): usage answers only for known people. */
    static void staff(String tenant, String department, String... ids) {
        List<Map<String, Object>> employees = new ArrayList<>();
        for (String id : ids) {
            employees.add(employee(id, department, List.of(), Map.of()));
        }
        Map<String, Object> body = new HashMap<>();
        body.put("employees", employees);
        if (department != null) {
            body.put("departments", List.of(Map.of("id", department, "name", "Department " + department)));
        }
        sync(tenant, body).then().statusCode(200);
    }

    static Map<String, Object> employee(String id, String department, List<String> groups, Map<String, ?> attributes) {
        Map<String, Object> e = new HashMap<>();
        e.put("id", id);
        e.put("name", "Employee " + id);
        if (department != null) {
            e.put("departmentId", department);
        }
        e.put("userGroups", groups);
        e.put("attributes", attributes);
        return e;
    }

    static String rule(String tenant, Map<String, ?> body) {
        return given().auth().oauth2(admin(tenant)).contentType(ContentType.JSON).body(body).post("/holding-rules")
                .then().statusCode(201).extract().path("id");
    }

    /** An OpportunityState that meets the default holding definition. */
    static Map<String, Object> activeOpportunity(String id, String owner, String department, long version) {
        Map<String, Object> o = new HashMap<>();
        o.put("id", id);
        o.put("name", "Deal " + id);
        o.put("ownerId", owner);
        if (department != null) {
            o.put("departmentId", department);
        }
        o.put("amount", 1000);
        o.put("currency", "EUR");
        o.put("salesProcessId", "p-1");
        o.put("stageKey", "qualification");
        o.put("stageType", "IN_PROGRESS");
        o.put("status", "ACTIVE");
        o.put("version", version);
        return o;
    }

    static Response reserve(String tenant, String owner, String department, Map<String, ?> opportunity) {
        Map<String, Object> body = new HashMap<>();
        body.put("opportunityId", opportunity.get("id"));
        body.put("ownerId", owner);
        if (department != null) {
            body.put("departmentId", department);
        }
        body.put("opportunity", opportunity);
        return given().auth().oauth2(sales(tenant, owner)).contentType(ContentType.JSON).body(body).post("/holdings/reservations");
    }

    static Response usage(String tenant, String path) {
        return given().auth().oauth2(admin(tenant)).get("/holdings/" + path);
    }

    /** Runs every call at once (as far as the pool allows) and returns the answers' status codes. */
    static List<Integer> inParallel(List<Callable<Response>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            List<Future<Response>> futures = pool.invokeAll(calls);
            List<Integer> codes = new ArrayList<>();
            for (Future<Response> f : futures) {
                codes.add(f.get().statusCode());
            }
            return codes;
        } finally {
            pool.shutdownNow();
        }
    }
}
