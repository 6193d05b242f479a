package io.oppsuite.e2e;

import io.oppsuite.testsupport.Tokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Read your writes across services: a sales process saved in
 * pipeline-config-service is usable by the very next request to opportunity-service, before its
 * event can have arrived, both a new process (a cache miss) and a new version of one (an older
 * cached version); so is the default process a new tenant has just been seeded with.
 */
class ReadYourWritesIT {

    final String tenant = "ryw-" + UUID.randomUUID().toString().substring(0, 8);
    final String admin = Tokens.admin(tenant);

    @Test
    void theDefaultProcessJustSeededTakesADealAtOnce() {
        String process = given().auth().oauth2(admin).get(Suite.url("pipeline-config-service") + "/sales-processes")
                .then().statusCode(200).extract().path("items[0].id");
        Response created = Suite.create(admin, process, "first deal", "rep-1");
        assertEquals(201, created.statusCode(), created.asString());
    }

    @Test
    void aProcessSavedAndAVersionChangedAreUsableByTheVeryNextRequest() {
        for (int round = 0; round < 50; round++) {
            Response saved = given().auth().oauth2(admin).contentType(ContentType.JSON)
                    .body(Map.of("name", "Process " + round + " " + UUID.randomUUID(), "stages", List.of(
                            Map.of("key", "qualification"), Map.of("key", "won"), Map.of("key", "lost"), Map.of("key", "invalid"))))
                    .post(Suite.url("pipeline-config-service") + "/sales-processes");
            assertEquals(201, saved.statusCode(), saved.asString());
            String process = saved.path("id");

            Response created = Suite.create(admin, process, "deal " + round, "rep-1");
            assertEquals(201, created.statusCode(), "round " + round + ": " + created.asString());
            String deal = created.path("id");

            // version 2 puts "proposal" after qualification; the very next move goes there
            Response changed = given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", saved.header("ETag"))
                    .body(Map.of("name", "Process " + round + " v2 " + UUID.randomUUID(), "stages", List.of(
                            Map.of("key", "qualification"), Map.of("key", "proposal"), Map.of("key", "won"), Map.of("key", "lost"),
                            Map.of("key", "invalid"))))
                    .put(Suite.url("pipeline-config-service") + "/sales-processes/{id}", process);
            assertEquals(200, changed.statusCode(), changed.asString());
            Response moved = given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", created.header("ETag"))
                    .body(Map.of("toStage", "proposal"))
                    .post(Suite.url("opportunity-service") + "/opportunities/{id}/stage-transitions", deal);
            assertEquals(200, moved.statusCode(), "round " + round + ": " + moved.asString());
            moved.then().body("stageKey", equalTo("proposal"));
        }
    }
}
