package io.oppsuite.common.events;

/** A message no retry can process (not a CloudEvent, no tenant, broken JSON): it goes to the dead-letter topic. */
public class PoisonMessageException extends RuntimeException {
    public PoisonMessageException(String message) {
        super(message);
    }

    public PoisonMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
