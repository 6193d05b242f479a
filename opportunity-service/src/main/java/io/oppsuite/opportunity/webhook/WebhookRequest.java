package io.oppsuite.opportunity.webhook;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** A webhook endpoint to register. */
public record WebhookRequest(
        @Schema(description = "Where deliveries are POSTed: https (or http), no credentials, no loopback or private address "
                + "outside test and local runs.", examples = "https://crm-sync.example.com/hooks/opportunities")
        @NotBlank @Size(max = 2000) String url,
        @Schema(description = "Event types of opportunity-events to deliver, or [\"*\"] for all of them.",
                examples = "[\"opportunity.stage-changed\", \"opportunity.won\"]")
        @NotEmpty @Size(max = 20) List<@NotBlank @Size(max = 64) @Pattern(regexp = "[a-z*][a-z.-]*") String> eventTypes,
        @Size(max = 500) String description) {
}
