package io.oppsuite.opportunity.core;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * One page of a list. By page number: {@code page} and {@code total} are given. By cursor:
 * neither (counting every match would undo what keyset paging saves). {@code nextCursor} continues
 * after the last item in either mode; it is absent on the last page and for sorts that cannot be
 * paged by cursor.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OpportunityPage(List<OpportunityView> items, Integer page, int size, Long total, String nextCursor) {
}
