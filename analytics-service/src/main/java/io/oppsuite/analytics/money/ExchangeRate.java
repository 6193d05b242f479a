package io.oppsuite.analytics.money;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** 1 unit of {@code currency} = {@code rate} units of the corporate currency from {@code startDate} until the next rate starts. */
@Entity
@Table(name = "exchange_rate")
public class ExchangeRate extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "tenant_id")
    public String tenantId;
    public String currency;
    @Column(precision = 24, scale = 12)
    public BigDecimal rate;
    @Column(name = "start_date")
    public LocalDate startDate;
    @Column(name = "created_at")
    public Instant createdAt;
    @Version
    public long version;
}
