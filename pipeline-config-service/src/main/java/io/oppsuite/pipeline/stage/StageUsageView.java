package io.oppsuite.pipeline.stage;

import java.util.List;

/** Why a stage may not be deletable: opportunities that use it (learnt from opportunity-events) and processes that contain it. */
public record StageUsageView(String id, String key, long opportunities, List<String> processes) {
}
