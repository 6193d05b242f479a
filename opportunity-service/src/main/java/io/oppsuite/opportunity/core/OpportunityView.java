package io.oppsuite.opportunity.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oppsuite.common.contracts.StageType;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** What the API answers for an opportunity. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OpportunityView(String id,
                              String name,
                              String accountId,
                              String accountName,
                              String ownerId,
                              String departmentId,
                              BigDecimal amount,
                              String currency,
                              BigDecimal winRate,
                              LocalDate expectedCloseDate,
                              String salesProcessId,
                              String stageKey,
                              StageType stageType,
                              LifecycleStatus status,
                              boolean overdue,
                              String closeReason,
                              String leadId,
                              String contactId,
                              String contactName,
                              @org.eclipse.microprofile.openapi.annotations.media.Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.OBJECT, description = "Custom fields: a JSON object, members free-form") JsonNode customFields,
                              List<LineItemView> lineItems,
                              Instant stageEnteredAt,
                              Instant createdAt,
                              Instant updatedAt,
                              long version,
                              List<DuplicateMatch> duplicateWarnings,
                              PendingMove pendingMove,
                              String lastRejection,
                              String poolId,
                              Instant pooledAt,
                              String poolReason) {

    /** A move waiting for its stage-completion approval. */
    public record PendingMove(String toStage, String reason, String requestedBy, String approvalRequestId) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A row of a list: without line items (a single deal, however answered, comes with them). */
    public static OpportunityView listed(Opportunity o) {
        return of(o, null, null);
    }

    public static OpportunityView of(Opportunity o, List<LineItem> lineItems, List<DuplicateMatch> warnings) {
        return new OpportunityView(o.id.toString(), o.name, o.accountId, o.accountName, o.ownerId, o.departmentId, o.amount,
                o.currency, o.winRate, o.expectedCloseDate, o.salesProcessId, o.stageKey, o.stageType, o.status, o.overdue,
                o.closeReason, o.leadId, o.contactId, o.contactName, customFields(o), 
                lineItems == null ? null : lineItems.stream().map(li -> LineItemView.of(li, o.currency)).toList(),
                o.stageEnteredAt, o.createdAt, o.updatedAt, o.version,
                warnings == null || warnings.isEmpty() ? null : warnings,
                o.pendingMoveTo == null ? null : new PendingMove(o.pendingMoveTo, o.pendingMoveReason, o.pendingMoveBy, o.approvalRequestId),
                o.lastRejection, o.poolId == null ? null : o.poolId.toString(), o.pooledAt, o.poolReason);
    }

    public static JsonNode customFields(Opportunity o) {
        try {
            return o.customFields == null ? JSON.createObjectNode() : JSON.readTree(o.customFields);
        } catch (Exception e) {
            throw new IllegalStateException("stored custom fields are not JSON", e);
        }
    }
}
