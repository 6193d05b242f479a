package io.oppsuite.analytics.transition;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.oppsuite.analytics.transition.OpportunityTimeline.LoggedEvent;
import io.oppsuite.common.contracts.OpportunityState;
import io.oppsuite.common.json.Json;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads a tenant's stored event log a page of opportunities at a time (memory bounded by a page, not
 * by the log), each opportunity with all its logged events: what the tenant rebuild and a report as of
 * a past instant recount.
 */
public final class EventLogPages {

    public static final int PAGE = 1000;

    private EventLogPages() {
    }

    /**
     * @param processId   only opportunities that were ever in this process (null: all of the tenant's)
     * @param upToMillis  only events that happened by then (null: all)
     * @param page        called with each page (opportunity id → its events), one after another
     * @return how many opportunities were read
     */
    public static Uni<Long> forEach(SqlClient client, ObjectMapper mapper, String tenantId, String processId, Long upToMillis,
                                    Function<Map<String, List<LoggedEvent>>, Uni<Void>> page) {
        return next(client, mapper, tenantId, processId, upToMillis, page, "", 0);
    }

    private static Uni<Long> next(SqlClient client, ObjectMapper mapper, String tenantId, String processId, Long upToMillis,
                                  Function<Map<String, List<LoggedEvent>>, Uni<Void>> page, String after, long read) {
        String happened = upToMillis == null ? "" : " and (occurred_at_millis is null or occurred_at_millis <= $5)";
        String sql = """
                select opportunity_id, event_type, state, occurred_at_millis, reason from opportunity_event_log
                where tenant_id = $1 and opportunity_id in (
                    select distinct opportunity_id from opportunity_event_log
                    where tenant_id = $1 and ($2::varchar is null or sales_process_id = $2) and opportunity_id > $3%s
                    order by opportunity_id limit $4)%s
                order by opportunity_id""".formatted(happened, happened);
        List<Object> params = new ArrayList<>(Arrays.asList(tenantId, processId, after, PAGE));
        if (upToMillis != null) {
            params.add(upToMillis);
        }
        return client.preparedQuery(sql).execute(Tuple.from(params)).chain(rows -> {
            Map<String, List<LoggedEvent>> opportunities = new LinkedHashMap<>();
            for (Row row : rows) {
                opportunities.computeIfAbsent(row.getString(0), k -> new ArrayList<>()).add(logged(row, mapper));
            }
            if (opportunities.isEmpty()) {
                return Uni.createFrom().item(read);
            }
            String last = new ArrayList<>(opportunities.keySet()).get(opportunities.size() - 1);
            return page.apply(opportunities)
                    .chain(() -> next(client, mapper, tenantId, processId, upToMillis, page, last, read + opportunities.size()));
        });
    }

    private static LoggedEvent logged(Row row, ObjectMapper mapper) {
        return new LoggedEvent(row.getString(1), Json.read(mapper, row.getString(2), OpportunityState.class),
                row.getLong(3), row.getString(4));
    }
}
