package io.oppsuite.pipeline.setup;

import io.oppsuite.common.tenancy.Caller;
import io.smallrye.mutiny.Uni;

/**
 * Writes what a new tenant starts with, once ({@link TenantSetup} decides when). A port: the
 * process feature implements it ({@code process.DefaultSeed}), so setup depends on no feature and
 * every feature may ask for its tenant to be seeded. In the caller's transaction.
 */
public interface TenantSeed {

    Uni<Void> seed(Caller caller);
}
