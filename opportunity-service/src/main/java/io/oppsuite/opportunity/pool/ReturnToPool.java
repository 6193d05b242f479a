package io.oppsuite.opportunity.pool;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.UUID;

/** Puts an opportunity back on a pool's shelf: it loses its owner until someone claims it. */
public record ReturnToPool(@NotNull UUID poolId, @Size(max = 500) String reason) {
}
