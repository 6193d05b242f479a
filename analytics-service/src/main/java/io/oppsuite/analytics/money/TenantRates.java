package io.oppsuite.analytics.money;

import io.oppsuite.analytics.db.NativeRows;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/** A tenant's corporate currency and every rate, read for a report (native SQL on a session of its own, like the report's own queries). */
@ApplicationScoped
public class TenantRates {

    public Uni<ExchangeRates> of(String tenantId) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.createNativeQuery("""
                        select s.corporate_currency, r.currency, r.rate, r.start_date
                        from currency_settings s left join exchange_rate r on r.tenant_id = s.tenant_id
                        where s.tenant_id = ?1""", Object[].class)
                .setParameter(1, tenantId).getResultList()))
                .map(rows -> {
                    String corporate = null;
                    List<ExchangeRates.DatedRate> rates = new ArrayList<>();
                    for (Object[] r : rows) {
                        corporate = (String) r[0];
                        if (r[1] != null) {
                            rates.add(new ExchangeRates.DatedRate((String) r[1], NativeRows.decimal(r[2]), NativeRows.date(r[3])));
                        }
                    }
                    return corporate == null ? ExchangeRates.NONE : new ExchangeRates(corporate, rates);
                });
    }
}
