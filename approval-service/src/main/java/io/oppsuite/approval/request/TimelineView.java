package io.oppsuite.approval.request;

import java.time.Instant;

/** Who did what, when, at which step, with which comment. */
public record TimelineView(Instant at, String actor, TimelineEntry.Action action, Integer step, String stepName, String comment) {

    static TimelineView of(TimelineEntry e) {
        return new TimelineView(e.at, e.actor, e.action, e.stepIndex, e.stepName, e.comment);
    }
}
