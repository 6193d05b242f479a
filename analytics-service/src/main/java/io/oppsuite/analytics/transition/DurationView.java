package io.oppsuite.analytics.transition;

/** A duration as a CRM shows it: whole seconds, and split into days, hours, minutes, seconds. */
public record DurationView(long seconds, long days, long hours, long minutes, long secondsPart, String text) {

    public static DurationView ofSeconds(long seconds) {
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3_600;
        long minutes = seconds % 3_600 / 60;
        long rest = seconds % 60;
        return new DurationView(seconds, days, hours, minutes, rest, days + "d " + hours + "h " + minutes + "m " + rest + "s");
    }
}
