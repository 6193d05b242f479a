package io.oppsuite.opportunity.core;

import java.util.List;

/**
 * A deal as a write leaves it, with its line items and the WARN duplicates it was written despite:
 * what every answer that returns a deal is built from.
 */
public record Written(Opportunity opportunity, List<LineItem> lineItems, List<DuplicateMatch> warnings) {

    public OpportunityView view() {
        return OpportunityView.of(opportunity, lineItems, warnings);
    }
}
