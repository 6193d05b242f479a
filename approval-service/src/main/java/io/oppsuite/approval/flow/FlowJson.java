package io.oppsuite.approval.flow;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oppsuite.common.contracts.ApprovalEvents;
import io.oppsuite.common.contracts.SalesProcessSnapshot;
import io.oppsuite.common.json.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/** The JSON columns of flows and approvals as their types ({@link Json}, with the application's ObjectMapper). */
@ApplicationScoped
public class FlowJson {

    private static final TypeReference<List<ApprovalEvents.Step>> STEPS = new TypeReference<>() { };

    @Inject
    ObjectMapper mapper;

    public String write(Object value) {
        return Json.write(mapper, value);
    }

    public List<ApprovalEvents.Step> steps(String json) {
        return Json.read(mapper, json, STEPS);
    }

    public List<SalesProcessSnapshot.FieldCondition> conditions(String json) {
        return Json.read(mapper, json, Json.CONDITIONS);
    }

    public List<String> strings(String json) {
        return Json.read(mapper, json, Json.STRINGS);
    }

    public ObjectMapper mapper() {
        return mapper;
    }
}
