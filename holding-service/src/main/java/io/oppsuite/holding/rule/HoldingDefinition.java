package io.oppsuite.holding.rule;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/** Which opportunities count as held, per tenant; absent means {@code HoldingLimits.DEFAULT_DEFINITION}. */
@Entity
@Table(name = "holding_definition")
public class HoldingDefinition extends PanacheEntityBase {
    @Id
    public String tenantId;
    public String conditions;
    public Instant updatedAt;
    /** Whether holding.qualifies and reservation.counted have been computed against these conditions. */
    public boolean qualified;
    @Version
    public long version;
}
