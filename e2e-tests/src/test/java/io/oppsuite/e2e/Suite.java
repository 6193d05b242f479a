package io.oppsuite.e2e;

import io.oppsuite.devstack.DevStack;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.oppsuite.common.contracts.SalesProcessSnapshot;
import io.oppsuite.testsupport.CloudEvents;
import io.oppsuite.testsupport.SalesProcessFixtures;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** The packaged suite, started once per test JVM with the same launcher as deploy/run-local.sh. */
final class Suite {

    private static DevStack stack;

    private Suite() {
    }

    static synchronized DevStack get() {
        if (stack == null) {
            Path root = Path.of(System.getProperty("suite.root", "..")).toAbsolutePath().normalize();
            try {
                stack = DevStack.start(DevStack.Options.isolated(root, root.resolve("e2e-tests/target/stack"), "_e2e"));
            } catch (Exception e) {
                throw new IllegalStateException("the suite did not start; logs in e2e-tests/target/stack/logs", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close));
            // every answer is checked against the service's OpenAPI document
            java.util.Map<String, String> urls = new java.util.LinkedHashMap<>();
            DevStack.SERVICES.keySet().forEach(service -> urls.put(service, stack.url(service)));
            OpenApiConformance.load(root, urls);
            io.restassured.RestAssured.filters(new OpenApiConformance());
        }
        return stack;
    }

    /**
     * A standard sales process for the tenant, as pipeline-config-service publishes it on its
     * compacted topic (services that consume config learn it from there, asynchronously).
     */
    static String publishStandardProcess(String tenant) {
        SalesProcessSnapshot process = SalesProcessFixtures.standard(UUID.randomUUID().toString(), 1);
        try {
            CloudEvents.publish(get().broker().bootstrapServers(), "pipeline-config-events", process.id(),
                    UUID.randomUUID().toString(), "sales-process.upserted", tenant, SalesProcessFixtures.JSON.writeValueAsString(process));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return process.id();
    }

    static String url(String service) {
        return get().url(service);
    }

    /** Waits until opportunity-service has the process from Kafka: creates for {@code owner} until one is 201. */
    static void awaitProcessCached(String token, String process, String owner) {
        await().atMost(Duration.ofSeconds(60)).until(() -> create(token, process, "warm-up", owner).statusCode() == 201);
    }

    /** The opportunity's current ETag for If-Match (every write names its version), or "\"0\"" when it cannot be read. */
    static String etag(String token, String opportunityId) {
        Response response = given().auth().oauth2(token).get(url("opportunity-service") + "/opportunities/{id}", opportunityId);
        String etag = response.statusCode() == 200 ? response.header("ETag") : null;
        return etag == null ? "\"0\"" : etag;
    }

    /** A create with its own account and name, so no duplicate rule can interfere. */
    static Response create(String token, String process, String name, String owner) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("name", name + " " + UUID.randomUUID(), "amount", 1000, "currency", "EUR", "salesProcessId", process,
                        "ownerId", owner, "accountId", "acc-" + UUID.randomUUID()))
                .post(url("opportunity-service") + "/opportunities");
    }

    /** The tenant's HR directory in holding-service (bulk sync). */
    static void directory(String token, Map<String, ?> body) {
        given().auth().oauth2(token).contentType(ContentType.JSON).body(body).put(url("holding-service") + "/directory")
                .then().statusCode(200);
    }

    static void holdingRule(String token, Map<String, ?> body) {
        given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post(url("holding-service") + "/holding-rules")
                .then().statusCode(201);
    }
}
