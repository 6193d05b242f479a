package io.oppsuite.analytics.money;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;

/** A tenant's corporate currency and every rate, read for a report (on the reactive pool, like the report's own queries). */
@ApplicationScoped
public class TenantRates {

    @Inject
    Pool pool;

    public Uni<ExchangeRates> of(String tenantId) {
        return pool.preparedQuery("""
                        select s.corporate_currency, r.currency, r.rate, r.start_date
                        from currency_settings s left join exchange_rate r on r.tenant_id = s.tenant_id
                        where s.tenant_id = $1""")
                .execute(Tuple.of(tenantId)).map(rows -> {
                    String corporate = null;
                    List<ExchangeRates.DatedRate> rates = new ArrayList<>();
                    for (Row r : rows) {
                        corporate = r.getString(0);
                        if (r.getString(1) != null) {
                            rates.add(new ExchangeRates.DatedRate(r.getString(1), r.getBigDecimal(2), r.getLocalDate(3)));
                        }
                    }
                    return corporate == null ? ExchangeRates.NONE : new ExchangeRates(corporate, rates);
                });
    }
}
