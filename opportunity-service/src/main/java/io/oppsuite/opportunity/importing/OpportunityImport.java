package io.oppsuite.opportunity.importing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.type.TypeFactory;
import io.oppsuite.common.tenancy.Caller;
import io.oppsuite.opportunity.core.CreateOpportunity;
import io.oppsuite.opportunity.writing.OpportunityCreation;
import io.oppsuite.opportunity.core.DuplicateMatch;
import io.oppsuite.opportunity.duplicate.DuplicateRule;
import io.oppsuite.common.problem.JsonProblemMappers;
import io.quarkiverse.resteasy.problem.HttpProblem;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs an import row by row, in file order: each row is validated, then created through
 * {@link OpportunityCreation} in its own transaction, so a later row sees the rows created before
 * it (same duplicate keys, same locks) and a failed row leaves nothing behind.
 */
@ApplicationScoped
public class OpportunityImport {

    private static final Logger LOG = Logger.getLogger(OpportunityImport.class);

    @Inject
    ObjectMapper mapper;

    @Inject
    Validator validator;

    @Inject
    OpportunityCreation creation;

    public Uni<ImportResult> run(Caller caller, List<JsonNode> rows) {
        return run(caller, rows, Map.of());
    }

    /** {@code unreadable}: rows (by index) the file itself could not give, with why; they are INVALID without a try. */
    public Uni<ImportResult> run(Caller caller, List<JsonNode> rows, Map<Integer, String> unreadable) {
        List<ImportResult.Row> results = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            numbers.add(i);
        }
        return Multi.createFrom().iterable(numbers)
                .onItem().transformToUniAndConcatenate(i -> (unreadable.containsKey(i)
                        ? Uni.createFrom().item(invalid(i + 1, unreadable.get(i)))
                        : row(caller, i + 1, rows.get(i))).invoke(results::add))
                .collect().last().map(ignored -> ImportResult.of(List.copyOf(results)));
    }

    private Uni<ImportResult.Row> row(Caller caller, int number, JsonNode json) {
        CreateOpportunity request;
        try {
            request = mapper.treeToValue(json, CreateOpportunity.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // what a body's reader says (the field, never Jackson's message: it names our classes)
            return Uni.createFrom().item(invalid(number, "not a valid opportunity: " + JsonProblemMappers.unreadable(e).getDetail()));
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(invalid(number, "not a valid opportunity"));
        }
        Set<ConstraintViolation<CreateOpportunity>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            return Uni.createFrom().item(invalid(number, violations.stream()
                    .map(v -> v.getPropertyPath() + " " + v.getMessage()).sorted().collect(Collectors.joining("; "))));
        }
        return creation.create(caller, request, DuplicateRule.AppliesTo.IMPORT)
                .map(created -> new ImportResult.Row(number, ImportResult.Outcome.CREATED, created.opportunity().id.toString(), null,
                        null, created.warnings().isEmpty() ? null : created.warnings()))
                .onFailure().recoverWithItem(failure -> failed(number, failure));
    }

    private ImportResult.Row failed(int number, Throwable failure) {
        if (failure instanceof HttpProblem problem) {
            String type = problem.getType() == null ? "" : problem.getType().toString();
            if (type.endsWith("/duplicate-opportunity")) {
                return new ImportResult.Row(number, ImportResult.Outcome.DUPLICATE, null, problem.getDetail(), matches(problem), null);
            }
            if (problem.getStatusCode() == 409 || problem.getStatusCode() >= 500 || problem.getStatusCode() == 403) {
                return new ImportResult.Row(number, ImportResult.Outcome.REFUSED, null, problem.getDetail(), null, null);
            }
            return invalid(number, problem.getDetail() == null ? problem.getTitle() : problem.getDetail());
        }
        LOG.warnf(failure, "import row %d failed", number);
        return new ImportResult.Row(number, ImportResult.Outcome.REFUSED, null, "could not be written; retry the row",
                null, null);
    }

    private List<DuplicateMatch> matches(HttpProblem problem) {
        Object raw = problem.getParameters().get("matches");
        if (raw == null) {
            return List.of();
        }
        return mapper.convertValue(raw, TypeFactory.defaultInstance().constructCollectionType(List.class, DuplicateMatch.class));
    }

    private static ImportResult.Row invalid(int number, String reason) {
        return new ImportResult.Row(number, ImportResult.Outcome.INVALID, null, reason, null, null);
    }
}
