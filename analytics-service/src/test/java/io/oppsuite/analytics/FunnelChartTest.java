package io.oppsuite.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import io.oppsuite.analytics.support.CrmHomeSession;
import io.oppsuite.analytics.support.EventPublisher;
import io.oppsuite.analytics.support.EventStreamGenerator;
import io.oppsuite.analytics.support.GeneratedEvent;
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
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The funnel chart as a CRM home page hosts it ({@code test-crm-home.html}, a stand-in host whose own
 * session holds the token), loaded in headless Chromium (Debian's {@code chromium}) at 1280 and 390 px:
 * the in-progress stages and Won are drawn as the funnel with the numbers the API serves, Lost and
 * Invalid only as what leaked, labels fit, the process is the one picked by name, the token is nowhere
 * in a URL or the page. Screenshots for review: {@code target/funnel-1280.png}, {@code target/funnel-390.png}.
 * Fails, rather than skips, when Chromium is missing.
 */
@QuarkusTest
@QuarkusTestResource(value = SuiteTestResource.class, initArgs = @ResourceArg(name = "database", value = "oppsuite_analytics_test"))
class FunnelChartTest {

    static final List<String> FUNNEL = List.of("qualification", "proposal", "negotiation", "won");

    @Test
    void aCrmHomePageHostsTheFunnelOfTheProcessItPicksByName() throws Exception {
        String tenant = "t-" + UUID.randomUUID();
        String process = UUID.randomUUID().toString();
        String token = Tokens.admin(tenant);
        SalesProcessSnapshot snapshot = SalesProcessFixtures.standard(process, 1);
        SalesProcessFixtures.publish(tenant, snapshot);
        // another process of the tenant, without deals: picking by name must not land on it
        SalesProcessFixtures.publish(tenant, SalesProcessFixtures.standard("0000" + UUID.randomUUID(), 1));
        EventStreamGenerator generator = new EventStreamGenerator(5, process);
        List<GeneratedEvent> events = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            events.addAll(generator.opportunity());
        }
        try (EventPublisher publisher = new EventPublisher()) {
            publisher.publishAll(tenant, events);
        }
        long deals = events.stream().filter(e -> e.type().equals("opportunity.created")).count();
        String reportPath = "/analytics/sales-processes/" + process + "/stage-transitions";
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().auth().oauth2(token).get(reportPath)
                .then().statusCode(200).body("stages[0].totalOpportunities", org.hamcrest.Matchers.greaterThan((int) deals - 2)));

        // the page itself carries no token: no field for it, nothing read from its URL
        given().get("/funnel.html").then().statusCode(200).contentType(startsWith("text/html"))
                .body(containsString("oppsuite-funnel"), not(containsString("id=\"token\"")), not(containsString("location.hash")));
        given().get("/funnel-chart.js").then().statusCode(200).body(containsString("customElements.define('oppsuite-funnel'"));

        CrmHomeSession.token = token;
        String home = "http://localhost:" + RestAssured.port + "/test-crm-home.html?process-name="
                + URLEncoder.encode(snapshot.name(), StandardCharsets.UTF_8);
        for (int width : List.of(1280, 390)) {
            String dom = chromium(home + "&show=component&width=" + width, width, "--dump-dom");
            assertDrawnAsServed(dom, "<oppsuite-funnel", get(token, reportPath, Map.of()), width);
            assertFalse(dom.contains(token), "the token is not in the page");
            chromium(home + "&show=component&width=" + width, width, "--screenshot=" + Path.of("target", "funnel-" + width + ".png").toAbsolutePath());
            assertTrue(Files.size(Path.of("target", "funnel-" + width + ".png")) > 10_000, "screenshot at " + width);
        }
        // a date range: the chart asks for it and draws what the API says for it
        String ranged = chromium(home + "&show=component&from=2026-01-05&to=2026-01-20", 1280, "--dump-dom");
        assertDrawnAsServed(ranged, "<oppsuite-funnel", get(token, reportPath, Map.of("from", "2026-01-05", "to", "2026-01-20")), 1280);
        assertTrue(ranged.contains("data-range=\"2026-01-05/2026-01-20\""), "the chart asked for the range");

        // framed: the page asks its host for the token by postMessage
        String framed = chromium(home + "&show=frame", 1280, "--dump-dom");
        assertDrawnAsServed(framed, "<div id=\"framed-copy\"", get(token, reportPath, Map.of()), 0);
        chromium(home + "&show=frame", 1280, "--screenshot=" + Path.of("target", "funnel-framed-1280.png").toAbsolutePath());
    }

    static JsonNode get(String token, String path, Map<String, String> query) {
        return StageTransitionAnalysisTest.get(token, path, query);
    }

    /** The funnel drawn in {@code dom} (inside the element that starts with {@code root}) shows what {@code report} serves. */
    static void assertDrawnAsServed(String dom, String root, JsonNode report, int width) {
        int start = dom.indexOf(root);
        assertTrue(start >= 0, () -> "no chart:\n" + dom);
        String chart = dom.substring(start);
        Matcher drawnCount = Pattern.compile("data-drawn=\"(\\d+)\"").matcher(chart);
        assertTrue(drawnCount.find(), () -> "the chart did not finish drawing:\n" + chart);
        assertEquals(FUNNEL.size(), Integer.parseInt(drawnCount.group(1)), "in-progress stages and Won form the funnel");
        if (width > 0) {
            assertTrue(chart.contains("data-overflowing-labels=\"0\""), () -> "labels overflow at " + width + " px:\n" + chart);
            Matcher drawnWidth = Pattern.compile("data-width=\"(\\d+)\"").matcher(chart);
            assertTrue(drawnWidth.find() && Integer.parseInt(drawnWidth.group(1)) <= width
                    && Integer.parseInt(drawnWidth.group(1)) > width - 40, () -> "drawn for the width it has: " + drawnWidth);
        }
        Map<String, JsonNode> served = new LinkedHashMap<>();
        report.get("stages").forEach(s -> served.put(s.get("key").asText(), s));
        List<String> order = new ArrayList<>();
        Matcher group = Pattern.compile("<g class=\"stage\" ([^>]*)>(.*?)</g>", Pattern.DOTALL).matcher(chart);
        while (group.find()) {
            String attributes = group.group(1);
            String key = attribute(attributes, "data-stage-key");
            order.add(key);
            JsonNode s = served.get(key);
            long total = s.get("totalOpportunities").asLong();
            assertEquals(String.valueOf(total), attribute(attributes, "data-total"), key);
            assertEquals(0, new BigDecimal(s.get("totalAmount").asText()).compareTo(new BigDecimal(attribute(attributes, "data-amount"))), key);
            String plural = total == 1 ? ">1 deal<" : ">" + String.format("%,d", total) + " deals<";
            assertTrue(group.group(2).contains(plural), () -> key + " should read " + plural + ": " + group.group(0));
            assertTrue(group.group(2).contains("forecast "), key + ": forecast amount on the chart");
            int next = FUNNEL.indexOf(key) + 1;
            if (next < FUNNEL.size() && total > 0) {
                double toNext = served.get(FUNNEL.get(next)).get("totalOpportunities").asLong() * 100.0 / total;
                assertEquals(String.format(java.util.Locale.ROOT, "%.1f", toNext), attribute(attributes, "data-conversion-to-next"), key);
                assertTrue(group.group(2).contains("% to "), key + ": conversion to the next stage on the chart");
            }
            if (!key.equals("won") && s.get("lost").asLong() > 0) {
                assertTrue(chart.contains("<g class=\"leak\" data-stage-key=\"" + key + "\" data-lost=\"" + s.get("lost").asLong() + "\""),
                        () -> key + ": what leaked is drawn beside it");
            }
        }
        assertEquals(FUNNEL, order, "the funnel: in-progress stages in process order, ending in Won; no Lost or Invalid band");
        for (String outcome : List.of("lost", "invalid")) {
            assertTrue(chart.contains("data-" + outcome + "=\"" + served.get(outcome).get("totalOpportunities").asLong() + "\""),
                    () -> outcome + " shown as leaked: " + chart);
        }
        assertFalse(chart.matches("(?s).*>1 deals<.*"), "singular");
    }

    static String attribute(String attributes, String name) {
        Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(attributes);
        assertTrue(m.find(), name + " in " + attributes);
        return m.group(1);
    }

    /** Runs headless Chromium on {@code url} at {@code width} px with one output option; answers what it printed. */
    static String chromium(String url, int width, String output) throws Exception {
        String chromium = chromium();
        assertNotNull(chromium, "headless Chromium is needed: apt-get install -y chromium (or set CHROMIUM)");
        Path profile = Files.createTempDirectory("chromium-profile");
        Path out = Files.createTempFile("funnel", ".out");
        Process browser = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                // the window is at least 500 px wide in headless mode: narrower pages set their own width (test-crm-home.html)
                "--hide-scrollbars", "--user-data-dir=" + profile, "--window-size=" + Math.max(width, 500) + ",1600", "--virtual-time-budget=15000",
                output, url)
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
}
