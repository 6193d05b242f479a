package io.oppsuite.analytics.transition;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.oppsuite.analytics.db.NativeRows;
import io.oppsuite.analytics.transition.OpportunityTimeline.LoggedEvent;
import io.oppsuite.common.contracts.OpportunityState;
import io.oppsuite.common.json.Json;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads a tenant's stored event log a page of opportunities at a time (memory bounded by a page, not
 * by the log), each opportunity with all its logged events: what the tenant rebuild and a report as of
 * a past instant recount. Native SQL on the caller's session (the rebuild's: inside its transaction).
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
    public static Uni<Long> forEach(Mutiny.Session session, ObjectMapper mapper, String tenantId, String processId, Long upToMillis,
                                    Function<Map<String, List<LoggedEvent>>, Uni<Void>> page) {
        return next(session, mapper, tenantId, processId, upToMillis, page, "", 0);
    }

    private static Uni<Long> next(Mutiny.Session session, ObjectMapper mapper, String tenantId, String processId, Long upToMillis,
                                  Function<Map<String, List<LoggedEvent>>, Uni<Void>> page, String after, long read) {
        List<Object> params = new ArrayList<>(List.of(tenantId, after, PAGE));
        String inProcess = "";
        if (processId != null) {
            params.add(processId);
            inProcess = " and sales_process_id = ?" + params.size();
        }
        String happened = "";
        if (upToMillis != null) {
            params.add(upToMillis);
            happened = " and (occurred_at_millis is null or occurred_at_millis <= ?" + params.size() + ")";
        }
        String sql = """
                select opportunity_id, event_type, state, occurred_at_millis, reason from opportunity_event_log
                where tenant_id = ?1 and opportunity_id in (
                    select distinct opportunity_id from opportunity_event_log
                    where tenant_id = ?1%s and opportunity_id > ?2%s
                    order by opportunity_id limit ?3)%s
                order by opportunity_id""".formatted(inProcess, happened, happened);
        return NativeRows.bind(session.createNativeQuery(sql, Object[].class), params).getResultList().chain(rows -> {
            Map<String, List<LoggedEvent>> opportunities = new LinkedHashMap<>();
            for (Object[] row : rows) {
                opportunities.computeIfAbsent((String) row[0], k -> new ArrayList<>()).add(logged(row, mapper));
            }
            if (opportunities.isEmpty()) {
                return Uni.createFrom().item(read);
            }
            String last = new ArrayList<>(opportunities.keySet()).get(opportunities.size() - 1);
            return page.apply(opportunities)
                    .chain(() -> next(session, mapper, tenantId, processId, upToMillis, page, last, read + opportunities.size()));
        });
    }

    private static LoggedEvent logged(Object[] row, ObjectMapper mapper) {
        return new LoggedEvent((String) row[1], Json.read(mapper, (String) row[2], OpportunityState.class),
                NativeRows.nullableLong(row[3]), (String) row[4]);
    }
}
