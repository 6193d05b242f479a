package io.oppsuite.opportunity;

import io.oppsuite.testsupport.SalesProcessFixtures;
import io.oppsuite.testsupport.SuiteTestResource;
import io.oppsuite.testsupport.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.oppsuite.opportunity.Api.as;
import static io.oppsuite.opportunity.Api.createId;
import static io.oppsuite.opportunity.Api.opportunity;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Keyset paging on GET /opportunities: every row exactly once, in order, while rows are being inserted. */
@QuarkusTest
@QuarkusTestResource(value = SuiteTestResource.class, initArgs = @ResourceArg(name = "database", value = "oppsuite_opportunity_test"))
@QuarkusTestResource(HoldingStub.class)
class CursorPagingTest {

    static final String TENANT = "cursor-" + UUID.randomUUID().toString().substring(0, 8);
    static final String PROCESS = UUID.randomUUID().toString();
    static final String admin = Tokens.admin(TENANT);
    static boolean seeded;

    /** 120 opportunities (plus the cache probes): amounts repeat so ties are broken by id. */
    @BeforeEach
    void seed() throws Exception {
        if (seeded) {
            return;
        }
        seeded = true;
        Api.publishAndAwait(TENANT, SalesProcessFixtures.standard(PROCESS, 1), admin);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        List<Callable<String>> creates = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            int k = i;
            creates.add(() -> createId(admin, opportunity("Row " + k + " " + UUID.randomUUID(), PROCESS,
                    "amount", 100 + (k % 7) * 100, "ownerId", "rep-" + (k % 3))));
        }
        for (Future<String> f : threads.invokeAll(creates)) {
            f.get();
        }
        threads.shutdown();
    }

    /** Every id in the order GET /opportunities gives it by page number, in one page. */
    static List<String> snapshot(String sort) {
        Response all = as(admin).queryParam("size", 200).queryParam("sort", sort).get("/opportunities");
        all.then().statusCode(200);
        assertEquals(all.jsonPath().getInt("total"), all.jsonPath().getList("items").size(), "one page holds them all");
        return all.jsonPath().getList("items.id");
    }

    /** Follows nextCursor from the first page to the last, running {@code between} after each page. */
    static List<String> walk(String sort, int size, Runnable between, List<Integer> pageSizes) {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            var request = as(admin).queryParam("size", size);
            if (sort != null) {
                request.queryParam("sort", sort);
            }
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.get("/opportunities");
            page.then().statusCode(200);
            List<String> ids = page.jsonPath().getList("items.id");
            pageSizes.add(ids.size());
            seen.addAll(ids);
            cursor = page.jsonPath().getString("nextCursor");
            between.run();
        } while (cursor != null);
        return seen;
    }

    @Test
    void defaultOrderWalksEveryRowOnceWhileNewRowsArrive() {
        List<String> expected = snapshot(null);
        List<Integer> pageSizes = new ArrayList<>();
        // newest first: rows created meanwhile sort before the cursor and never shift what follows
        List<String> seen = walk(null, 50, () -> createId(admin, opportunity("Late " + UUID.randomUUID(), PROCESS)), pageSizes);
        assertEquals(expected, seen);
        assertEquals(seen.size(), new HashSet<>(seen).size());
        assertEquals(List.of(50, 50, expected.size() - 100), pageSizes);
    }

    @Test
    void sortedByAmountAndNameWithTiesWalksInOrder() {
        String sort = "amount,-name";
        List<String> expected = snapshot(sort);
        List<Integer> pageSizes = new ArrayList<>();
        // amount 0 sorts before every seeded row (100 and more): inserted meanwhile, never seen on later pages
        List<String> seen = walk(sort, 50, () -> createId(admin, opportunity("Zero " + UUID.randomUUID(), PROCESS, "amount", 0)), pageSizes);
        assertEquals(expected, seen);
        assertEquals(seen.size(), new HashSet<>(seen).size());
        List<String> byUpdate = walk("-updatedAt", 50, () -> { }, new ArrayList<>());
        assertEquals(snapshot("-updatedAt"), byUpdate);
    }

    @Test
    void pageNumberAnswersAlsoCarryACursorAndBadCursorsAre400() {
        Response first = as(admin).queryParam("size", 50).get("/opportunities");
        first.then().statusCode(200).body("page", equalTo(0)).body("total", notNullValue()).body("nextCursor", notNullValue());
        String cursor = first.jsonPath().getString("nextCursor");
        Response second = as(admin).queryParam("size", 50).queryParam("cursor", cursor).get("/opportunities");
        Response pageOne = as(admin).queryParam("size", 50).queryParam("page", 1).get("/opportunities");
        assertEquals(pageOne.jsonPath().getList("items.id"), second.jsonPath().getList("items.id"));
        assertNotNull(second.jsonPath().getString("nextCursor"));

        as(admin).queryParam("cursor", cursor).queryParam("sort", "amount").get("/opportunities").then().statusCode(400)
                .contentType("application/problem+json");
        as(admin).queryParam("cursor", cursor).queryParam("page", 1).get("/opportunities").then().statusCode(400);
        as(admin).queryParam("cursor", "not-a-cursor").get("/opportunities").then().statusCode(400).contentType("application/problem+json");
        as(admin).queryParam("cursor", java.util.Base64.getUrlEncoder().encodeToString(
                "{\"sort\":\"-createdAt\",\"keys\":[\"yesterday\"],\"id\":\"x\"}".getBytes())).get("/opportunities").then().statusCode(400);
        as(admin).queryParam("cursor", cursor).queryParam("sort", "expectedCloseDate").get("/opportunities").then().statusCode(400);
        // by page number a sort with empty values still works, just without a cursor
        as(admin).queryParam("sort", "expectedCloseDate").queryParam("size", 10).get("/opportunities").then().statusCode(200)
                .body("nextCursor", org.hamcrest.Matchers.nullValue());
        // another rep's view is scoped as ever: their cursor walks only their rows
        List<Integer> sizes = new ArrayList<>();
        String rep = Tokens.issue(TENANT, "rep-1", "sales");
        Response mine = as(rep).queryParam("size", 15).get("/opportunities");
        int total = mine.jsonPath().getInt("total");
        List<String> walked = new ArrayList<>(mine.jsonPath().getList("items.id"));
        String next = mine.jsonPath().getString("nextCursor");
        while (next != null) {
            Response page = as(rep).queryParam("size", 15).queryParam("cursor", next).get("/opportunities");
            walked.addAll(page.jsonPath().getList("items.id"));
            next = page.jsonPath().getString("nextCursor");
            sizes.add(page.jsonPath().getList("items").size());
        }
        assertEquals(total, walked.size());
        assertEquals(total, new HashSet<>(walked).size());
    }
}
