package io.oppsuite.opportunity.core;

import io.oppsuite.common.problem.Problems;
import io.oppsuite.common.tenancy.Caller;
import io.oppsuite.common.web.Page;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** Runs a list query by page number or by cursor (keyset); shared by /opportunities and pool listings. In the caller's session, or one of its own. */
@ApplicationScoped
public class OpportunityListing {

    /** The deals the caller may see (their own, their department's, their teams', the whole tenant's: by role) that match the query. */
    public Uni<Page<OpportunityView>> visible(Caller caller, OpportunityQuery query, int page, int size, String cursor) {
        return list(query, query.toHql(caller), page, size, cursor);
    }

    @WithSession
    public Uni<Page<OpportunityView>> list(OpportunityQuery query, OpportunityQuery.Hql hql, int page, int size, String cursor) {
        if (cursor != null) {
            if (page != 0) {
                throw Problems.badRequest("page and cursor exclude each other: a cursor already says where to go on");
            }
            OpportunityQuery.Hql after = query.after(hql, cursor);
            // one row more than asked tells whether there is a next page without counting
            return Opportunity.<Opportunity>find(after.where() + " order by " + after.orderBy(), after.params())
                    .page(0, size + 1).list()
                    .map(rows -> {
                        boolean more = rows.size() > size;
                        List<Opportunity> items = more ? rows.subList(0, size) : rows;
                        return Page.byCursor(views(items), size, more ? query.cursorAfter(items.get(items.size() - 1)) : null);
                    });
        }
        return Opportunity.<Opportunity>find(hql.where() + " order by " + hql.orderBy(), hql.params()).page(page, size).list()
                .chain(items -> Opportunity.count(hql.where(), hql.params()).map(total -> {
                    boolean more = !items.isEmpty() && (long) page * size + items.size() < total;
                    String next = more && query.keysetCapable() ? query.cursorAfter(items.get(items.size() - 1)) : null;
                    return new Page<>(views(items), page, size, total, next);
                }));
    }

    private static List<OpportunityView> views(List<Opportunity> items) {
        return items.stream().map(OpportunityView::listed).toList();
    }
}
