package io.oppsuite.opportunity.importing;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.oppsuite.opportunity.core.DuplicateMatch;

import java.util.List;

/** The answer of an import: counts and one result per row (row numbers from 1, in file order). */
public record ImportResult(int created, int duplicates, int invalid, int refused, List<Row> rows) {

    public enum Outcome { CREATED, DUPLICATE, INVALID, REFUSED }

    /** {@code duplicateOf}: the opportunities a DUPLICATE row matches; {@code warnings}: WARN matches of a CREATED row. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Row(int row, Outcome outcome, String id, String reason, List<DuplicateMatch> duplicateOf, List<DuplicateMatch> warnings) {
    }

    public static ImportResult of(List<Row> rows) {
        return new ImportResult(count(rows, Outcome.CREATED), count(rows, Outcome.DUPLICATE), count(rows, Outcome.INVALID),
                count(rows, Outcome.REFUSED), rows);
    }

    private static int count(List<Row> rows, Outcome outcome) {
        return (int) rows.stream().filter(r -> r.outcome() == outcome).count();
    }
}
