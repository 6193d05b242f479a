package io.oppsuite.testsupport;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import io.oppsuite.common.events.EventSchemas;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks one Kafka record against the published contract: the CloudEvent headers a subscriber
 * relies on, {@code ce_dataschema} naming the type's current schema, and the data against that
 * JSON Schema (networknt's validator, 2020-12, formats asserted). Schemas are read from
 * suite-common's classpath by their ids.
 */
public final class EventContract {

    /** Headers every event carries (binary-mode CloudEvents plus the tenant extension). */
    static final List<String> REQUIRED_HEADERS = List.of("ce_specversion", "ce_id", "ce_source", "ce_type", "ce_time",
            "ce_subject", "ce_tenant", "ce_dataschema", "content-type");

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder
                    .schemaIdResolvers(resolvers -> resolvers.mapPrefix(EventSchemas.ID_BASE, "classpath:" + EventSchemas.RESOURCE_BASE))
                    .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

    private EventContract() {
    }

    /** What is wrong with the record; empty when it keeps the contract. */
    public static List<String> violations(ConsumerRecord<String, String> record) {
        List<String> problems = new ArrayList<>();
        for (String header : REQUIRED_HEADERS) {
            if (CloudEvents.header(record, header) == null) {
                problems.add("missing header " + header);
            }
        }
        String type = CloudEvents.header(record, "ce_type");
        Optional<URI> expected = type == null ? Optional.empty() : EventSchemas.dataschema(type);
        if (type != null && expected.isEmpty()) {
            problems.add("no schema for event type " + type + " (EventSchemas)");
        }
        if (expected.isPresent()) {
            String dataschema = CloudEvents.header(record, "ce_dataschema");
            if (dataschema != null && !dataschema.equals(expected.get().toString())) {
                problems.add("ce_dataschema " + dataschema + ", expected " + expected.get());
            }
            if (record.key() == null || !record.key().equals(CloudEvents.header(record, "ce_subject"))) {
                problems.add("key " + record.key() + " is not ce_subject " + CloudEvents.header(record, "ce_subject"));
            }
            problems.addAll(dataViolations(type, record.value()));
        }
        return problems;
    }

    /** The data of an event of {@code type} against the type's current schema. */
    public static List<String> dataViolations(String type, String json) {
        Optional<URI> id = EventSchemas.dataschema(type);
        if (id.isEmpty()) {
            return List.of("no schema for event type " + type);
        }
        if (json == null) {
            return List.of("no data");
        }
        Schema schema = SCHEMAS.computeIfAbsent(id.get().toString(), uri -> REGISTRY.getSchema(SchemaLocation.of(uri)));
        List<Error> errors = schema.validate(json, InputFormat.JSON);
        return errors.stream().map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList();
    }
}
