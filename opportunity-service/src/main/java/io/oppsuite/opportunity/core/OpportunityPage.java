package io.oppsuite.opportunity.core;

import java.util.List;

public record OpportunityPage(List<OpportunityView> items, int page, int size, long total) {
}
