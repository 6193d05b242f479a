package io.oppsuite.analytics.money;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/** A tenant's corporate currency: what reports convert into. Absent until the tenant's admin sets it. */
@Entity
@Table(name = "currency_settings")
public class CurrencySettings extends PanacheEntityBase {
    @Id
    @Column(name = "tenant_id")
    public String tenantId;
    @Column(name = "corporate_currency")
    public String corporateCurrency;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Version
    public long version;
}
