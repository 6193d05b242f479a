package io.oppsuite.common.events;

import java.time.Instant;

/**
 * An event a service records in its outbox, in the transaction of the change it describes.
 *
 * @param aggregateId Kafka key and CloudEvent subject: one aggregate's events stay ordered in one partition
 * @param data        serialized as the JSON body of the CloudEvent
 * @param time        when the change happened: the CloudEvent {@code time} ({@code ce_time})
 */
public record DomainEvent(String topic, String type, String tenantId, String aggregateId, Object data, Instant time) {

    /** An event of a change happening now (the write did not stamp a time of its own). */
    public DomainEvent(String topic, String type, String tenantId, String aggregateId, Object data) {
        this(topic, type, tenantId, aggregateId, data, Instant.now());
    }
}
