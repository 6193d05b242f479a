package io.oppsuite.analytics;

import io.oppsuite.analytics.support.EventPublisher;
import io.oppsuite.analytics.support.EventStreamGenerator;
import io.oppsuite.analytics.support.GeneratedEvent;
import io.oppsuite.analytics.support.StageAnalysisRecount;
import io.oppsuite.common.contracts.SalesProcessSnapshot;
import io.oppsuite.testsupport.SalesProcessFixtures;
import io.oppsuite.testsupport.SuiteTestResource;
import io.oppsuite.testsupport.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The funnel page served by the service, loaded in headless Chromium (Debian's {@code chromium}
 * package): every stage of the chosen process must be drawn as an SVG group with its label and
 * the numbers the API serves. Fails, rather than skips, when Chromium is missing.
 */
@QuarkusTest
@QuarkusTestResource(value = SuiteTestResource.class, initArgs = @ResourceArg(name = "database", value = "oppsuite_analytics_test"))
class FunnelChartTest {

    static final Instant AS_OF = Instant.parse("2026-06-01T00:00:00Z");

    @Test
    void theFunnelPageDrawsEveryStageOfTheChosenProcess() throws Exception {
        String tenant = "t-" + UUID.randomUUID();
        String process = UUID.randomUUID().toString();
        String token = Tokens.admin(tenant);
        SalesProcessSnapshot snapshot = SalesProcessFixtures.standard(process, 1);
        SalesProcessFixtures.publish(tenant, snapshot);
        EventStreamGenerator generator = new EventStreamGenerator(5, process);
        List<GeneratedEvent> events = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            events.addAll(generator.opportunity());
        }
        try (EventPublisher publisher = new EventPublisher()) {
            publisher.publishAll(tenant, events);
        }
        List<String> keys = snapshot.stages().stream().map(SalesProcessSnapshot.Stage::key).toList();
        StageAnalysisRecount.Report expected = new StageAnalysisRecount(events).report(keys, StageAnalysisRecount.Filter.NONE, AS_OF);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().auth().oauth2(token).queryParam("asOf", AS_OF.toString())
                .get("/analytics/sales-processes/" + process + "/stage-transitions")
                .then().statusCode(200)
                .body("stages.totalOpportunities", org.hamcrest.Matchers.equalTo(
                        keys.stream().map(k -> (int) expected.stages().get(k).total()).toList())));

        // the picker's list: this tenant's processes only, stages in order
        given().auth().oauth2(token).get("/analytics/sales-processes").then().statusCode(200)
                .body("id", org.hamcrest.Matchers.equalTo(List.of(process)))
                .body("[0].stages.key", org.hamcrest.Matchers.equalTo(keys));
        given().auth().oauth2(Tokens.admin("other-" + UUID.randomUUID())).get("/analytics/sales-processes").then().statusCode(200)
                .body("size()", org.hamcrest.Matchers.equalTo(0));

        given().get("/funnel.html").then().statusCode(200).contentType(startsWith("text/html"))
                .body(containsString("data-stage-key"), containsString("/stage-transitions"));

        String dom = dumpDom("http://localhost:" + RestAssured.port + "/funnel.html#process=" + process + "&token=" + token
                + "&asOf=" + AS_OF);
        assertTrue(dom.contains("data-drawn=\"" + keys.size() + "\""), () -> "page did not finish drawing:\n" + dom);
        assertTrue(dom.contains("<option value=\"" + process + "\""), () -> "process picker not filled:\n" + dom);
        for (SalesProcessSnapshot.Stage stage : snapshot.stages()) {
            Matcher group = Pattern.compile("<g class=\"stage\" data-stage-key=\"" + stage.key() + "\"([^>]*)>(.*?)</g>", Pattern.DOTALL)
                    .matcher(dom);
            assertTrue(group.find(), () -> "stage " + stage.key() + " not drawn:\n" + dom);
            StageAnalysisRecount.Stage e = expected.stages().get(stage.key());
            Map<String, Long> drawn = Map.of("data-total", e.total(), "data-transitioned", e.transitioned(),
                    "data-retained", e.retained(), "data-lost", e.lost());
            drawn.forEach((attribute, value) -> assertTrue(group.group(1).contains(attribute + "=\"" + value + "\""),
                    () -> stage.key() + " " + attribute + " should be " + value + ": " + group.group(0)));
            assertTrue(group.group(2).contains("class=\"stage-label\"") && group.group(2).contains(">" + stage.label() + "</text>"),
                    () -> "label of " + stage.key() + " not drawn: " + group.group(0));
            assertTrue(group.group(2).contains("<polygon"), () -> "funnel band of " + stage.key() + " not drawn");
        }
        assertEquals(keys.size(), count(dom, "class=\"stage-label\""));
        Matcher table = Pattern.compile("<table id=\"metrics\">(.*?)</table>", Pattern.DOTALL).matcher(dom);
        assertTrue(table.find(), "metrics table");
        assertEquals(keys.size() + 1, count(table.group(1), "<tr>"), "metrics table: header + one row per stage");
    }

    /** Loads the page in headless Chromium and returns the DOM after its scripts ran. */
    static String dumpDom(String url) throws Exception {
        String chromium = chromium();
        assertNotNull(chromium, "headless Chromium is needed: apt-get install -y chromium (or set CHROMIUM)");
        Path profile = Files.createTempDirectory("chromium-profile");
        Path out = Files.createTempFile("funnel-dom", ".html");
        Process browser = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile, "--virtual-time-budget=15000", "--dump-dom", url)
                .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(browser.waitFor(120, TimeUnit.SECONDS), "chromium timed out");
        assertEquals(0, browser.exitValue(), "chromium failed");
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    static String chromium() {
        String configured = System.getenv("CHROMIUM");
        if (configured != null && new File(configured).canExecute()) {
            return configured;
        }
        return Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator))
                .flatMap(dir -> Stream.of(new File(dir, "chromium"), new File(dir, "chromium-browser")))
                .filter(File::canExecute).map(File::getPath).findFirst().orElse(null);
    }

    static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }
}
