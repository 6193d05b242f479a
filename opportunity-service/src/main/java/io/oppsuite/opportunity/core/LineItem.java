package io.oppsuite.opportunity.core;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/** A product on an opportunity; its amount is quantity × unit price less the discount. */
@Entity
@Table(name = "line_item")
public class LineItem extends PanacheEntityBase {

    @Id
    public UUID id;
    public String tenantId;
    public UUID opportunityId;
    public int position;
    public String productId;
    public String productName;
    public String productLine;
    public BigDecimal quantity;
    public BigDecimal unitPrice;
    public BigDecimal discountPercent;
    public BigDecimal amount;

    /** Panache's persist(Iterable) refuses an empty list; an opportunity without line items is normal. */
    public static Uni<Void> persistAll(List<LineItem> items) {
        return items.isEmpty() ? Uni.createFrom().voidItem() : persist(items);
    }

    public static Uni<List<LineItem>> of(String tenantId, UUID opportunityId) {
        return list("tenantId = ?1 and opportunityId = ?2 order by position", tenantId, opportunityId);
    }

    public static Uni<Long> deleteOf(String tenantId, UUID opportunityId) {
        return delete("tenantId = ?1 and opportunityId = ?2", tenantId, opportunityId);
    }
}
