package io.oppsuite.analytics.money;

import io.oppsuite.analytics.money.MoneyViews.CurrencySettingsRequest;
import io.oppsuite.analytics.money.MoneyViews.CurrencySettingsView;
import io.oppsuite.analytics.money.MoneyViews.ExchangeRateRequest;
import io.oppsuite.analytics.money.MoneyViews.ExchangeRateView;
import io.oppsuite.common.idempotency.IdempotentRequests;
import io.oppsuite.common.problem.Problems;
import io.oppsuite.common.tenancy.Caller;
import io.oppsuite.common.web.DateBounds;
import io.oppsuite.common.web.Page;
import io.oppsuite.common.web.Preconditions;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.ws.rs.core.Response;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The tenant's corporate currency and dated exchange rates. The settings row is locked by every write
 * (a rate is added against the corporate currency it was meant for; the corporate currency changes only
 * while no rate exists, since every rate is relative to it).
 */
@ApplicationScoped
public class CurrencyAdministration {

    @Inject
    IdempotentRequests idempotency;

    /** Digits a rate may have before and after the decimal point (numeric(24, 12)). */
    static final int MAX_DIGITS = 12;

    @WithSession
    public Uni<CurrencySettings> settings(String tenantId) {
        return CurrencySettings.findById(tenantId);
    }

    @WithTransaction
    public Uni<CurrencySettings> replaceSettings(String tenantId, CurrencySettingsRequest request, String ifMatch) {
        return CurrencySettings.<CurrencySettings>findById(tenantId, LockModeType.PESSIMISTIC_WRITE).chain(existing -> {
            CurrencySettings settings = existing;
            if (settings == null) {
                // the first PUT creates the settings: If-Match is optional then ("0" when sent)
                Preconditions.requireVersion(tenantId, Preconditions.optionalIfMatchVersion(ifMatch), 0);
                settings = new CurrencySettings();
                settings.tenantId = tenantId;
            } else {
                Preconditions.requireVersion(tenantId, Preconditions.ifMatchVersion(ifMatch), settings.version);
            }
            CurrencySettings target = settings;
            Uni<Void> allowed = request.corporateCurrency().equals(target.corporateCurrency) || existing == null
                    ? Uni.createFrom().voidItem()
                    : ExchangeRate.count("tenantId", tenantId).invoke(rates -> {
                        if (rates > 0) {
                            throw Problems.conflict("exchange-rates-exist", "Exchange rates exist",
                                    "every exchange rate is relative to the corporate currency " + target.corporateCurrency
                                            + ": delete the tenant's " + rates + " exchange rate(s) before changing it", Map.of());
                        }
                    }).replaceWithVoid();
            return allowed.chain(() -> {
                target.corporateCurrency = request.corporateCurrency();
                target.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                return target.<CurrencySettings>persistAndFlush();
            });
        });
    }

    @WithSession
    public Uni<Page<ExchangeRateView>> rates(String tenantId, String currency, int page, int size) {
        String query = currency == null ? "tenantId = :tenant" : "tenantId = :tenant and currency = :currency";
        Parameters params = Parameters.with("tenant", tenantId);
        if (currency != null) {
            params = params.and("currency", currency);
        }
        var found = ExchangeRate.<ExchangeRate>find(query, Sort.by("currency").and("startDate"), params);
        return found.page(io.quarkus.panache.common.Page.of(page, size)).list().chain(items -> found.count()
                .map(total -> Page.of(items.stream().map(ExchangeRateView::of).toList(), page, size, total)));
    }

    @WithSession
    public Uni<ExchangeRate> rate(String tenantId, UUID id) {
        return find(tenantId, id);
    }

    /**
     * Adds a rate in a transaction of its own; an Idempotency-Key (stored with the rate) replays the first answer,
     * so the caller says how a created rate is answered.
     */
    @WithTransaction
    public Uni<Response> createRate(Caller caller, ExchangeRateRequest request, String idempotencyKey, Function<ExchangeRate, Response> answer) {
        return idempotency.once(caller, idempotencyKey, request, () -> addRate(caller.tenantId(), request).map(answer));
    }

    /** Must run in the caller's transaction. */
    Uni<ExchangeRate> addRate(String tenantId, ExchangeRateRequest request) {
        BigDecimal digits = request.rate().stripTrailingZeros();
        if (Math.max(digits.scale(), 0) > MAX_DIGITS || digits.precision() - digits.scale() > MAX_DIGITS) {
            // the column is numeric(24, 12): more digits would be rounded or refused by the database
            throw Problems.badParameter("rate", "rate must have at most " + MAX_DIGITS + " digits before and " + MAX_DIGITS
                    + " after the decimal point");
        }
        try {
            DateBounds.check(request.startDate());
        } catch (IllegalArgumentException e) {
            throw Problems.badParameter("startDate", "startDate must be a date in years " + DateBounds.MIN_YEAR + "-" + DateBounds.MAX_YEAR);
        }
        return CurrencySettings.<CurrencySettings>findById(tenantId, LockModeType.PESSIMISTIC_WRITE).chain(settings -> {
            if (settings == null) {
                throw Problems.conflict("corporate-currency-unset", "No corporate currency",
                        "set the corporate currency (PUT /analytics/currency-settings) before adding exchange rates", Map.of());
            }
            if (settings.corporateCurrency.equals(request.currency())) {
                throw Problems.unprocessable("corporate-currency-rate", "Rate of the corporate currency",
                        request.currency() + " is the corporate currency: it converts to itself at 1 and takes no rate", Map.of());
            }
            return ExchangeRate.count("tenantId = ?1 and currency = ?2 and startDate = ?3", tenantId, request.currency(),
                    request.startDate()).chain(taken -> {
                if (taken > 0) {
                    throw Problems.conflict("exchange-rate-exists", "Exchange rate exists", "a rate of " + request.currency()
                            + " starting " + request.startDate() + " exists: delete it first", Map.of());
                }
                ExchangeRate rate = new ExchangeRate();
                rate.id = UUID.randomUUID();
                rate.tenantId = tenantId;
                rate.currency = request.currency();
                rate.rate = request.rate();
                rate.startDate = request.startDate();
                rate.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                return rate.<ExchangeRate>persistAndFlush();
            });
        });
    }

    @WithTransaction
    public Uni<Void> deleteRate(String tenantId, UUID id, String ifMatch) {
        long expected = Preconditions.ifMatchVersion(ifMatch);
        return find(tenantId, id).invoke(r -> Preconditions.requireVersion(id, expected, r.version))
                .call(ExchangeRate::delete).replaceWithVoid();
    }

    private static Uni<ExchangeRate> find(String tenantId, UUID id) {
        return ExchangeRate.<ExchangeRate>find("id = ?1 and tenantId = ?2", id, tenantId).firstResult().map(r -> {
            if (r == null) {
                throw Problems.notFound("exchange rate", id);
            }
            return r;
        });
    }

    static CurrencySettingsView view(CurrencySettings s) {
        return s == null ? new CurrencySettingsView(null, 0) : new CurrencySettingsView(s.corporateCurrency, s.version);
    }
}
