package io.oppsuite.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import io.oppsuite.analytics.support.EventPublisher;
import io.oppsuite.analytics.support.GeneratedEvent;
import io.oppsuite.common.contracts.OpportunityEvents;
import io.oppsuite.common.contracts.OpportunityState;
import io.oppsuite.common.contracts.StageType;
import io.oppsuite.testsupport.SalesProcessFixtures;
import io.oppsuite.testsupport.SuiteTestResource;
import io.oppsuite.testsupport.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Money through the public API, with opportunity events published to the broker: the corporate currency and dated
 * exchange rates (admin writes, every role reads, bad input a 4xx problem), and the weighted pipeline and stage
 * transition report giving amounts per currency and a total converted into the corporate currency: in-progress amounts
 * at the rate effective on the report date (a rate dated later is not used), a Won amount at the rate effective on its
 * won date, a currency without a rate listed as unconverted and never summed.
 */
@QuarkusTest
@QuarkusTestResource(value = SuiteTestResource.class, initArgs = @ResourceArg(name = "database", value = "oppsuite_analytics_test"))
class CurrencyConversionTest {

    final String tenant = "t-" + UUID.randomUUID();
    final String process = UUID.randomUUID().toString();
    final String admin = Tokens.admin(tenant);
    final LocalDate today = LocalDate.now(ZoneOffset.UTC);

    static OpportunityState state(String id, String process, String owner, long version, String stage, StageType type, Instant entered,
                                  Instant created, String amount, String currency, int winRate) {
        return new OpportunityState(id, "Deal " + id, "acc", "Initech", owner, "dep-1", new BigDecimal(amount), currency,
                BigDecimal.valueOf(winRate), LocalDate.parse("2026-12-31"), process, stage, type,
                type == StageType.IN_PROGRESS ? "ACTIVE" : type.name(), entered, created, version);
    }

    GeneratedEvent created(String id, String owner, Instant at, String amount, String currency, int winRate) {
        return new GeneratedEvent(UUID.randomUUID().toString(), OpportunityEvents.CREATED,
                state(id, process, owner, 1, "qualification", StageType.IN_PROGRESS, at, at, amount, currency, winRate), null, null, null, at, null);
    }

    Response putSettings(String body, String ifMatch) {
        var request = given().auth().oauth2(admin).contentType(ContentType.JSON).body(body);
        if (ifMatch != null) {
            request = request.header("If-Match", ifMatch);
        }
        return request.put("/analytics/currency-settings");
    }

    Response postRate(String token, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/analytics/exchange-rates");
    }

    static String rate(String currency, String rate, String startDate) {
        return "{\"currency\":\"" + currency + "\",\"rate\":" + rate + ",\"startDate\":\"" + startDate + "\"}";
    }

    static JsonNode json(Response response) {
        try {
            return SalesProcessFixtures.JSON.readTree(response.asString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void jpyAndEurDealsAreGivenPerCurrencyAndConvertedIntoTheCorporateCurrency() {
        putSettings("{\"corporateCurrency\":\"EUR\"}", null).then().statusCode(200).header("ETag", "\"0\"")
                .body("corporateCurrency", equalTo("EUR"));
        postRate(admin, rate("JPY", "0.0060", "2024-01-01")).then().statusCode(201);
        postRate(admin, rate("JPY", "0.0061", "2025-01-01")).then().statusCode(201);
        // a rate change dated after the report date: not used today
        postRate(admin, rate("JPY", "0.0100", today.plusDays(30).toString())).then().statusCode(201);

        SalesProcessFixtures.publish(tenant, SalesProcessFixtures.standard(process, 1));
        Instant now = Instant.now();
        Instant wonCreated = Instant.parse("2024-06-01T10:00:00Z");
        Instant wonAt = Instant.parse("2024-06-15T10:00:00Z");
        OpportunityState wonState = state("w1", process, "rep-1", 2, "won", StageType.WON, wonAt, wonCreated, "2000000", "JPY", 100);
        List<GeneratedEvent> events = new ArrayList<>(List.of(
                created("j1", "rep-1", now, "1000000", "JPY", 50),
                created("e1", "rep-1", now, "1040", "EUR", 50),
                created("u1", "rep-2", now, "500", "USD", 50),
                created("w1", "rep-1", wonCreated, "2000000", "JPY", 10),
                new GeneratedEvent(UUID.randomUUID().toString(), OpportunityEvents.STAGE_CHANGED, wonState, "qualification",
                        StageType.IN_PROGRESS, wonAt, wonAt, null)));
        try (EventPublisher publisher = new EventPublisher()) {
            publisher.publishAll(tenant, events);
        }
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> StageTransitionAnalysisTest.get(admin,
                "/analytics/sales-processes/" + process + "/stage-transitions", Map.of()).get("stages").get(0)
                .get("totalOpportunities").asLong() == 4);

        // the weighted pipeline, rep-1's deals: JPY 1,000,000 and EUR 1,040, both convert
        JsonNode mine = StageTransitionAnalysisTest.get(admin, "/analytics/weighted-pipeline",
                Map.of("salesProcessId", process, "ownerId", "rep-1"));
        assertEquals("EUR", mine.get("corporateCurrency").asText());
        assertEquals(today.toString(), mine.get("rateDate").asText());
        JsonNode total = mine.get("total");
        assertEquals(2, total.get("opportunities").asLong());
        assertEquals("[{\"currency\":\"EUR\",\"opportunities\":1,\"amount\":1040.00,\"weightedAmount\":520.00},"
                + "{\"currency\":\"JPY\",\"opportunities\":1,\"amount\":1000000.00,\"weightedAmount\":500000.00}]",
                total.get("amountsByCurrency").toString());
        assertEquals("7140.00", total.get("convertedAmount").asText(), "1,000,000 × 0.0061 + 1,040: not 1,001,040");
        assertEquals("3570.00", total.get("convertedWeightedAmount").asText());
        assertEquals("[]", total.get("unconverted").toString());
        assertEquals("7140.00", total.get("amount").asText(), "every currency converted: the corporate total");
        assertEquals("3570.00", total.get("weightedAmount").asText());

        // everyone's: USD has no rate, listed and never summed
        JsonNode all = StageTransitionAnalysisTest.get(admin, "/analytics/weighted-pipeline", Map.of("salesProcessId", process));
        JsonNode qualification = all.get("groups").get(0);
        assertEquals("qualification", qualification.get("key").asText());
        assertEquals(3, qualification.get("amountsByCurrency").size());
        assertEquals("USD", qualification.get("amountsByCurrency").get(2).get("currency").asText());
        assertEquals("500.00", qualification.get("amountsByCurrency").get(2).get("amount").asText());
        assertEquals("7140.00", qualification.get("convertedAmount").asText(), "USD 500 is not in the converted total");
        assertEquals("[\"USD\"]", qualification.get("unconverted").toString());
        assertTrue(qualification.get("amount").isNull(), "not every currency converted: no single total");
        assertEquals("7140.00", all.get("total").get("convertedAmount").asText());
        assertEquals(all.get("total").get("amountsByCurrency"), qualification.get("amountsByCurrency"));

        // the stage transition report: in-progress amounts at today's rate, the Won one at its won date's
        JsonNode report = StageTransitionAnalysisTest.get(admin, "/analytics/sales-processes/" + process + "/stage-transitions", Map.of());
        assertEquals("EUR", report.get("corporateCurrency").asText());
        JsonNode qual = report.get("stages").get(0);
        assertEquals("[{\"currency\":\"EUR\",\"opportunities\":1,\"amount\":520.00},{\"currency\":\"JPY\",\"opportunities\":2,"
                + "\"amount\":700000.00},{\"currency\":\"USD\",\"opportunities\":1,\"amount\":250.00}]", qual.get("amountsByCurrency").toString());
        assertEquals("4790.00", qual.get("convertedAmount").asText(), "520 + (500,000 + 200,000) × 0.0061");
        assertEquals("[\"USD\"]", qual.get("unconverted").toString());
        assertTrue(qual.get("totalAmount").isNull());
        JsonNode won = report.get("stages").get(3);
        assertEquals("won", won.get("key").asText());
        assertEquals("12000.00", won.get("convertedAmount").asText(), "2,000,000 × 0.0060, the rate on 2024-06-15");
        assertEquals("12000.00", won.get("totalAmount").asText());
        assertEquals("[{\"currency\":\"JPY\",\"wonCount\":1,\"wonAmount\":2000000.00,\"averageDealSize\":2000000.00}]",
                report.get("wonAmountsByCurrency").toString());
        assertEquals("12000.00", report.get("convertedWonAmount").asText());
        assertEquals("12000.00", report.get("convertedAverageDealSize").asText());
        assertEquals("12000.00", report.get("averageDealSize").asText());
        assertEquals("[]", report.get("wonUnconverted").toString());

        // the same filtered (facts rather than aggregates) and as of a past date (recounted from the log)
        JsonNode filtered = StageTransitionAnalysisTest.get(admin, "/analytics/sales-processes/" + process + "/stage-transitions",
                Map.of("ownerId", "rep-1"));
        assertEquals("4790.00", filtered.get("stages").get(0).get("convertedAmount").asText(), "rep-1 has every deal but USD");
        assertEquals("4790.00", filtered.get("stages").get(0).get("totalAmount").asText());
        assertEquals("12000.00", filtered.get("convertedAverageDealSize").asText());
        JsonNode then = StageTransitionAnalysisTest.get(admin, "/analytics/sales-processes/" + process + "/stage-transitions",
                Map.of("asOf", "2024-06-20"));
        assertEquals("2024-06-20", then.get("rateDate").asText());
        assertEquals("1200.00", then.get("stages").get(0).get("convertedAmount").asText(), "200,000 × 0.0060, the rate on 2024-06-20");
        assertEquals("12000.00", then.get("convertedWonAmount").asText());

        // a won deal before the currency's first rate stays unconverted
        JsonNode ratesNow = StageTransitionAnalysisTest.get(admin, "/analytics/exchange-rates", Map.of("currency", "JPY"));
        assertEquals(3, ratesNow.get("total").asLong());
        JsonNode first = ratesNow.get("items").get(0);
        assertEquals("2024-01-01", first.get("startDate").asText());
        given().auth().oauth2(admin).header("If-Match", "\"" + first.get("version").asLong() + "\"")
                .delete("/analytics/exchange-rates/" + first.get("id").asText()).then().statusCode(204);
        JsonNode withoutRate = StageTransitionAnalysisTest.get(admin, "/analytics/sales-processes/" + process + "/stage-transitions", Map.of());
        assertEquals("0.00", withoutRate.get("convertedWonAmount").asText());
        assertTrue(withoutRate.get("convertedAverageDealSize").isNull());
        assertTrue(withoutRate.get("averageDealSize").isNull());
        assertEquals("[\"JPY\"]", withoutRate.get("wonUnconverted").toString());
        assertEquals("[\"JPY\"]", withoutRate.get("stages").get(3).get("unconverted").toString());

        // the numbers survive a rebuild from the stored log
        given().auth().oauth2(admin).post("/analytics/admin/rebuild").then().statusCode(200);
        assertEquals(withoutRate, StageTransitionAnalysisTest.get(admin, "/analytics/sales-processes/" + process + "/stage-transitions",
                Map.of("asOf", withoutRate.get("asOf").asText())));
        JsonNode rebuilt = StageTransitionAnalysisTest.get(admin, "/analytics/weighted-pipeline", Map.of("salesProcessId", process));
        assertEquals(all.get("total").get("amountsByCurrency"), rebuilt.get("total").get("amountsByCurrency"));
    }

    @Test
    void settingsAndRatesRefuseBadInputWithProblems() {
        String sales = Tokens.issue(tenant, "rep-1", "sales");
        given().auth().oauth2(sales).get("/analytics/currency-settings").then().statusCode(200).header("ETag", "\"0\"");
        postRate(admin, rate("JPY", "0.006", "2026-01-01")).then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("https://oppsuite.io/problems/corporate-currency-unset"));
        for (String bad : List.of("{\"corporateCurrency\":\"eur\"}", "{\"corporateCurrency\":\"EURO\"}", "{\"corporateCurrency\":null}",
                "{}", "{\"corporateCurrency\":\"EUR\",\"extra\":1}", "{\"corporateCurrency\":")) {
            putSettings(bad, null).then().statusCode(400).contentType("application/problem+json");
        }
        given().auth().oauth2(sales).contentType(ContentType.JSON).body("{\"corporateCurrency\":\"EUR\"}")
                .put("/analytics/currency-settings").then().statusCode(403);
        putSettings("{\"corporateCurrency\":\"EUR\"}", "\"0\"").then().statusCode(200).header("ETag", "\"0\""); // creates it
        putSettings("{\"corporateCurrency\":\"USD\"}", null).then().statusCode(428);
        putSettings("{\"corporateCurrency\":\"USD\"}", "\"7\"").then().statusCode(412);

        for (String bad : List.of(rate("jpy", "0.006", "2026-01-01"), rate("JPY", "-1", "2026-01-01"), rate("JPY", "0", "2026-01-01"),
                rate("JPY", "\"abc\"", "2026-01-01"), rate("JPY", "0.0000000000001", "2026-01-01"),
                rate("JPY", "1000000000000", "2026-01-01"), rate("JPY", "0.006", "2026-13-45"), rate("JPY", "0.006", "0000-01-01"),
                rate("JPY", "0.006", "+10000-01-01"), rate("JPY", "0.006", "yesterday"), "{\"currency\":\"JPY\",\"rate\":0.006}",
                "{\"currency\":\"JPY\",\"rate\":0.006,\"startDate\":\"2026-01-01\",\"id\":\"x\"}", "[]")) {
            Response response = postRate(admin, bad);
            assertEquals(400, response.statusCode(), bad + " -> " + response.asString());
            assertEquals("application/problem+json", response.contentType(), bad);
        }
        postRate(sales, rate("JPY", "0.006", "2026-01-01")).then().statusCode(403);
        postRate(admin, rate("EUR", "1", "2026-01-01")).then().statusCode(422)
                .body("type", equalTo("https://oppsuite.io/problems/corporate-currency-rate"));
        Response created = postRate(admin, rate("JPY", "0.006", "2026-01-01"));
        created.then().statusCode(201).header("ETag", "\"0\"").body("rate", equalTo(0.006f));
        assertTrue(created.header("Location").endsWith("/analytics/exchange-rates/" + json(created).get("id").asText()));
        postRate(admin, rate("JPY", "0.007", "2026-01-01")).then().statusCode(409)
                .body("type", equalTo("https://oppsuite.io/problems/exchange-rate-exists"));
        putSettings("{\"corporateCurrency\":\"USD\"}", "\"0\"").then().statusCode(409)
                .body("type", equalTo("https://oppsuite.io/problems/exchange-rates-exist"));

        String id = json(created).get("id").asText();
        given().auth().oauth2(sales).get("/analytics/exchange-rates/" + id).then().statusCode(200).header("ETag", "\"0\"");
        given().auth().oauth2(Tokens.admin("t-other")).get("/analytics/exchange-rates/" + id).then().statusCode(404);
        given().auth().oauth2(sales).get("/analytics/exchange-rates?currency=jpy").then().statusCode(400);
        given().auth().oauth2(sales).get("/analytics/exchange-rates?size=500").then().statusCode(400);
        given().auth().oauth2(admin).get("/analytics/exchange-rates/not-a-uuid").then().statusCode(404);
        given().auth().oauth2(admin).delete("/analytics/exchange-rates/" + id).then().statusCode(428);
        given().auth().oauth2(admin).header("If-Match", "\"3\"").delete("/analytics/exchange-rates/" + id).then().statusCode(412);
        given().auth().oauth2(sales).header("If-Match", "\"0\"").delete("/analytics/exchange-rates/" + id).then().statusCode(403);
        given().auth().oauth2(admin).header("If-Match", "\"0\"").delete("/analytics/exchange-rates/" + UUID.randomUUID()).then().statusCode(404);
        given().auth().oauth2(admin).header("If-Match", "\"0\"").delete("/analytics/exchange-rates/" + id).then().statusCode(204);
        putSettings("{\"corporateCurrency\":\"USD\"}", "\"0\"").then().statusCode(200).header("ETag", "\"1\"")
                .body("corporateCurrency", equalTo("USD"));
    }
}
