package io.oppsuite.approval.flow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oppsuite.common.contracts.ApprovalEvents;
import io.oppsuite.common.contracts.SalesProcessSnapshot;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/** JSON text columns of flows and approvals, (de)serialized with the application's ObjectMapper. */
@ApplicationScoped
public class FlowJson {

    private static final TypeReference<List<ApprovalEvents.Step>> STEPS = new TypeReference<>() { };
    private static final TypeReference<List<SalesProcessSnapshot.FieldCondition>> CONDITIONS = new TypeReference<>() { };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };

    @Inject
    ObjectMapper mapper;

    public String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not serializable", e);
        }
    }

    public List<ApprovalEvents.Step> steps(String json) {
        return read(json, STEPS);
    }

    public List<SalesProcessSnapshot.FieldCondition> conditions(String json) {
        return read(json, CONDITIONS);
    }

    public List<String> strings(String json) {
        return read(json, STRINGS);
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    private <T> T read(String json, TypeReference<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON unreadable", e);
        }
    }
}
