package io.oppsuite.analytics.money;

import io.oppsuite.analytics.money.MoneyViews.CurrencySettingsRequest;
import io.oppsuite.analytics.money.MoneyViews.CurrencySettingsView;
import io.oppsuite.analytics.money.MoneyViews.ExchangeRateRequest;
import io.oppsuite.analytics.money.MoneyViews.ExchangeRateView;
import io.oppsuite.common.idempotency.IdempotentRequests;
import io.oppsuite.common.problem.Problems;
import io.oppsuite.common.tenancy.CallerContext;
import io.oppsuite.common.tenancy.Roles;
import io.oppsuite.common.web.Page;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.UUID;

/** The tenant's corporate currency and dated exchange rates: admins write, every role reads. */
@Path("/analytics")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Currencies", description = "The corporate currency reports convert into, and dated exchange rates (Salesforce's dated "
        + "exchange rates): a rate applies from its start date until the next rate of its currency starts.")
public class MoneyResource {

    @Inject
    CallerContext callerContext;

    @Inject
    CurrencyAdministration administration;

    @GET
    @Path("/currency-settings")
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.SALES})
    @Operation(operationId = "getCurrencySettings", summary = "The tenant's corporate currency",
            description = "corporateCurrency null and version 0 until an admin sets it (then reports give no converted totals).")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = CurrencySettingsView.class)),
            headers = {@Header(ref = "ETag")})
    public Uni<Response> settings() {
        return administration.settings(callerContext.current().tenantId()).map(MoneyResource::answer);
    }

    @PUT
    @Path("/currency-settings")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "replaceCurrencySettings", summary = "Set the tenant's corporate currency",
            description = "Admins only. The first PUT creates the settings and needs no If-Match; later ones need If-Match with the "
                    + "ETag (428 without it, 412 when stale). The corporate currency cannot change while exchange rates exist "
                    + "(409 exchange-rates-exist): every rate is relative to it.")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = CurrencySettingsView.class)),
            headers = {@Header(ref = "ETag")})
    @APIResponse(responseCode = "400", description = "Not an ISO 4217 code, malformed JSON, unknown fields, a bad If-Match")
    @APIResponse(responseCode = "409", description = "Exchange rates exist (exchange-rates-exist)")
    public Uni<Response> replaceSettings(@Valid @NotNull CurrencySettingsRequest request, @HeaderParam("If-Match") String ifMatch) {
        return administration.replaceSettings(callerContext.current().tenantId(), request, ifMatch).map(MoneyResource::answer);
    }

    @GET
    @Path("/exchange-rates")
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.SALES})
    @Operation(operationId = "listExchangeRates", summary = "The tenant's dated exchange rates",
            description = "By currency, then start date; zero-based paging.")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "400", description = "A currency that is not an ISO 4217 code, a bad page or size")
    public Uni<Page<ExchangeRateView>> rates(@Parameter(description = "Only this currency's rates (ISO 4217)") @QueryParam("currency") String currency,
                                       @QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                       @QueryParam("size") @DefaultValue("50") @Min(1) @Max(Page.MAX_SIZE) int size) {
        String only = currency == null || currency.isBlank() ? null : currency;
        if (only != null && !only.matches(MoneyViews.CURRENCY_PATTERN)) {
            throw Problems.badParameter("currency", "currency " + MoneyViews.CURRENCY_MESSAGE);
        }
        return administration.rates(callerContext.current().tenantId(), only, page, size);
    }

    @GET
    @Path("/exchange-rates/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.SALES})
    @Operation(operationId = "getExchangeRate", summary = "One dated exchange rate", description = "ETag carries the version for If-Match.")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = ExchangeRateView.class)),
            headers = {@Header(ref = "ETag")})
    @APIResponse(responseCode = "404", description = "No such rate in the caller's tenant")
    public Uni<Response> rate(@PathParam("id") UUID id) {
        return administration.rate(callerContext.current().tenantId(), id)
                .map(r -> Response.ok(ExchangeRateView.of(r)).tag(String.valueOf(r.version)).build());
    }

    @POST
    @Path("/exchange-rates")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "createExchangeRate", summary = "Add a dated exchange rate",
            description = "Admins only. 1 unit of currency = rate units of the corporate currency from startDate until the next rate "
                    + "of the currency starts. One rate per currency and start date (409 exchange-rate-exists); the corporate "
                    + "currency takes none (422); the corporate currency must be set first (409 corporate-currency-unset). "
                    + "Send an Idempotency-Key to retry safely.")
    @APIResponse(responseCode = "201", description = "Created; ETag carries the version",
            content = @Content(schema = @Schema(implementation = ExchangeRateView.class)), headers = {@Header(ref = "ETag"), @Header(ref = "Location")})
    @APIResponse(responseCode = "400", description = "Not an ISO 4217 code, a rate not above 0 or with too many digits, a bad date, "
            + "malformed JSON, unknown fields")
    @APIResponse(responseCode = "409", description = "A rate of the currency starting that day exists, or no corporate currency is set")
    @APIResponse(responseCode = "422", description = "A rate for the corporate currency itself, or an Idempotency-Key reused with another body")
    public Uni<Response> createRate(@Valid @NotNull ExchangeRateRequest request,
                                    @Parameter(description = "Retry key") @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey) {
        return administration.createRate(callerContext.current(), request, idempotencyKey,
                r -> Response.created(URI.create("/analytics/exchange-rates/" + r.id)).tag(String.valueOf(r.version))
                        .entity(ExchangeRateView.of(r)).build());
    }

    @DELETE
    @Path("/exchange-rates/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "deleteExchangeRate", summary = "Delete a dated exchange rate",
            description = "Admins only. If-Match with the ETag: the rate deleted is the one the caller saw. The previous rate of the "
                    + "currency then applies until the next one starts.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such rate in the caller's tenant")
    public Uni<Response> deleteRate(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        return administration.deleteRate(callerContext.current().tenantId(), id, ifMatch).map(ignored -> Response.noContent().build());
    }

    private static Response answer(CurrencySettings s) {
        CurrencySettingsView view = CurrencyAdministration.view(s);
        return Response.ok(view).tag(String.valueOf(view.version())).build();
    }
}
