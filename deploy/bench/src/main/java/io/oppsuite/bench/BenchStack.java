package io.oppsuite.bench;

import io.oppsuite.common.contracts.SalesProcessSnapshot;
import io.oppsuite.devstack.DevStack;
import io.oppsuite.testsupport.CloudEvents;
import io.oppsuite.testsupport.SalesProcessFixtures;
import io.oppsuite.testsupport.Tokens;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

/** The packaged suite on its own databases (suffix _bench), one tenant, one standard sales process. */
final class BenchStack implements AutoCloseable {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    final DevStack stack;
    final Path root;
    final String tenant = "bench-" + UUID.randomUUID().toString().substring(0, 8);
    final String token = Tokens.issue(tenant, "bench-admin", "admin");
    final String processId = UUID.randomUUID().toString();

    BenchStack(Path root) throws Exception {
        this.root = root;
        this.stack = DevStack.start(DevStack.Options.isolated(root, root.resolve("deploy/bench/target/stack"), "_bench"));
        SalesProcessSnapshot process = SalesProcessFixtures.standard(processId, 1);
        CloudEvents.publish(stack.broker().bootstrapServers(), "pipeline-config-events", processId,
                UUID.randomUUID().toString(), "sales-process.upserted", tenant, SalesProcessFixtures.JSON.writeValueAsString(process));
    }

    String url(String service) {
        return stack.url(service);
    }

    static String database(String service) {
        return DevStack.database(service) + "_bench";
    }

    HttpRequest.Builder request(String service, String path) {
        return HttpRequest.newBuilder(URI.create(url(service) + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json");
    }

    HttpResponse<String> send(HttpRequest request) throws Exception {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Waits until opportunity-service has cached the process (it arrives over Kafka). */
    String createOpportunity(String name) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            HttpResponse<String> r = send(request("opportunity-service", "/opportunities")
                    .POST(HttpRequest.BodyPublishers.ofString(opportunityJson(name, "acc-" + UUID.randomUUID()))).build());
            if (r.statusCode() == 201) {
                return Json.field(r.body(), "id");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("create failed: " + r.statusCode() + " " + r.body());
            }
            Thread.sleep(250);
        }
    }

    String opportunityJson(String name, String accountId) {
        return opportunityJson(name, accountId, "bench-admin", "bench");
    }

    String opportunityJson(String name, String accountId, String ownerId, String departmentId) {
        return """
                {"name":"%s","accountId":"%s","accountName":"Account %s","amount":12500,"currency":"EUR",
                 "salesProcessId":"%s","expectedCloseDate":"2027-03-31","ownerId":"%s","departmentId":"%s"}"""
                .formatted(name, accountId, accountId, processId, ownerId, departmentId);
    }

    @Override
    public void close() {
        stack.close();
    }
}
