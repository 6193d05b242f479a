package io.oppsuite.pipeline.process;

import io.oppsuite.common.contracts.StageType;
import io.oppsuite.pipeline.stage.StageInput;

import java.util.List;

/** What a new tenant starts with, as in Salesforce/HubSpot: a ready-to-use catalogue and one standard process. */
public final class DefaultConfiguration {

    public static final String PROCESS_NAME = "Standard sales process";

    public static final List<StageInput> STAGES = List.of(
            new StageInput("qualification", "Qualification", StageType.IN_PROGRESS, 10),
            new StageInput("needs-analysis", "Needs analysis", StageType.IN_PROGRESS, 25),
            new StageInput("proposal", "Proposal", StageType.IN_PROGRESS, 50),
            new StageInput("negotiation", "Negotiation", StageType.IN_PROGRESS, 75),
            new StageInput("won", "Closed won", StageType.WON, 100),
            new StageInput("lost", "Closed lost", StageType.LOST, 0),
            new StageInput("invalid", "Invalid", StageType.INVALID, 0));

    private DefaultConfiguration() {
    }
}
