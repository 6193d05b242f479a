package io.oppsuite.common.events;

/**
 * An event a service records in its outbox, in the transaction of the change it describes.
 *
 * @param aggregateId Kafka key and CloudEvent subject: one aggregate's events stay ordered in one partition
 * @param data        serialized as the JSON body of the CloudEvent
 */
public record DomainEvent(String topic, String type, String tenantId, String aggregateId, Object data) {
}
