package io.oppsuite.opportunity.core;

import jakarta.ws.rs.QueryParam;

import java.time.LocalDate;

/**
 * The filters and sort GET /opportunities and GET /opportunity-pools/{id}/opportunities share ({@code @BeanParam}).
 * Paging (page, size, cursor) stays on each method: its Bean Validation constraints answer a 400 whose violations
 * name the query parameter only there (on a bean parameter the problem library would call it part of the body).
 */
public class OpportunityFilters {

    @QueryParam("stage")
    public String stage;

    @QueryParam("department")
    public String department;

    @QueryParam("status")
    public LifecycleStatus status;

    @QueryParam("overdue")
    public Boolean overdue;

    @QueryParam("closeFrom")
    public LocalDate closeFrom;

    @QueryParam("closeTo")
    public LocalDate closeTo;

    @QueryParam("sort")
    public String sort;

    /** The query these filters ask, for {@code owner} (null: any owner). */
    public OpportunityQuery query(String owner) {
        return new OpportunityQuery(stage, owner, department, status, overdue, closeFrom, closeTo, sort);
    }
}
