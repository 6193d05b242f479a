package io.oppsuite.opportunity.importing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oppsuite.common.problem.Problems;
import io.oppsuite.common.tenancy.Caller;
import io.oppsuite.common.tenancy.CallerContext;
import io.oppsuite.common.tenancy.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import io.oppsuite.opportunity.core.CreateOpportunity;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Bulk create from a JSON array or a CSV file; every row goes through the one create path and is answered on its own. */
@Path("/opportunities/import")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.SALES})
@Tag(name = "Opportunities", description = "Deals: create, read, list, change, move through stages, reopen, import, convert leads.")
public class ImportResource {

    static final int MAX_ROWS = 5000;
    private static final Set<String> NUMERIC = Set.of("amount", "winRate");

    @Inject
    CallerContext callerContext;

    @Inject
    ObjectMapper mapper;

    @Inject
    OpportunityImport importer;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "importOpportunities", summary = "Import opportunities from a JSON array", description = "Each element is a create request. Rows are "
            + "created one by one, each in its own transaction: checked against the database and the rows created before it "
            + "(duplicate rules for IMPORT), holding limits reserved. Per row: CREATED (id), DUPLICATE (duplicateOf), "
            + "INVALID (reason) or REFUSED (holding limit, service unavailable). A failed row never stops the others.")
    @APIResponse(responseCode = "200", description = "Per-row results")
    public Uni<ImportResult> importJson(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = CreateOpportunity.class))) String body) {
        Caller caller = callerContext.current();
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (Exception e) {
            throw Problems.badRequest("the body must be a JSON array of opportunities");
        }
        if (root == null || !root.isArray()) {
            throw Problems.badRequest("the body must be a JSON array of opportunities");
        }
        List<JsonNode> rows = new ArrayList<>();
        root.forEach(rows::add);
        return importer.run(caller, limit(rows));
    }

    @POST
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @Operation(operationId = "importOpportunities", summary = "Import opportunities from CSV", description = "Header row with create-request field names (name, "
            + "accountId, accountName, ownerId, departmentId, amount, currency, winRate, expectedCloseDate, salesProcessId, "
            + "contactId, contactName, salesTeam as employeeId:ACCESS[:role] entries separated by ';', e.g. se-7:EDIT:Sales Engineer;fin-2:READ); empty cells are left out. Same per-row behaviour as the JSON import. A UTF-8 BOM is "
            + "skipped; every data row of the file has a result (rows == the file's data rows): a row with broken quotes is "
            + "INVALID with the reason, and a quote that never closes makes each line it swallowed INVALID.")
    @APIResponse(responseCode = "200", description = "Per-row results")
    public Uni<ImportResult> importCsv(String body) {
        Caller caller = callerContext.current();
        List<JsonNode> rows = new ArrayList<>();
        Map<Integer, String> unreadable = new java.util.HashMap<>();
        for (CsvTable.Row csv : CsvTable.parse(body == null ? "" : body)) {
            if (csv.error() != null) {
                unreadable.put(rows.size(), csv.error());
            }
            ObjectNode row = mapper.createObjectNode();
            csv.cells().forEach((column, value) -> {
                if (value != null && !value.isBlank()) {
                    if (column.equals(SALES_TEAM)) {
                        row.set(column, salesTeam(value));
                    } else if (NUMERIC.contains(column) && value.trim().matches("-?\\d+(\\.\\d+)?")) {
                        row.put(column, new java.math.BigDecimal(value.trim()));
                    } else {
                        row.put(column, value.trim());
                    }
                }
            });
            rows.add(row);
        }
        return importer.run(caller, limit(rows), unreadable);
    }

    static final String SALES_TEAM = "salesTeam";

    /**
     * The salesTeam cell, "employeeId:ACCESS[:role]" entries separated by ';' (e.g. "se-7:EDIT:Sales
     * Engineer;fin-2:READ"), as the JSON array a create takes. An entry that does not read as one is
     * passed on as text, so the row is INVALID with the create request's own message.
     */
    JsonNode salesTeam(String cell) {
        com.fasterxml.jackson.databind.node.ArrayNode team = mapper.createArrayNode();
        for (String entry : cell.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] parts = entry.trim().split(":", 3);
            if (parts.length < 2) {
                return mapper.getNodeFactory().textNode(cell);
            }
            ObjectNode member = team.addObject().put("employeeId", parts[0].trim()).put("access", parts[1].trim().toUpperCase(java.util.Locale.ROOT));
            if (parts.length == 3 && !parts[2].isBlank()) {
                member.put("role", parts[2].trim());
            }
        }
        return team;
    }

    private static List<JsonNode> limit(List<JsonNode> rows) {
        if (rows.isEmpty()) {
            throw Problems.badRequest("the import has no rows");
        }
        if (rows.size() > MAX_ROWS) {
            throw Problems.badRequest("at most " + MAX_ROWS + " rows per import");
        }
        return rows;
    }

}
