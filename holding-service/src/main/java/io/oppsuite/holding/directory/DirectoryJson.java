package io.oppsuite.holding.directory;

import com.fasterxml.jackson.core.type.TypeReference;
import io.oppsuite.common.contracts.HoldingEvents;
import io.oppsuite.common.json.Json;
import io.oppsuite.holding.limit.Member;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Converts an {@link Employee} row to what rules see ({@link Member}) and what others read (the event/view shape). */
public final class DirectoryJson {

    private static final TypeReference<Map<String, BigDecimal>> ATTRIBUTES = new TypeReference<>() {
    };

    private DirectoryJson() {
    }

    public static Member member(Employee e) {
        return new Member(e.id, e.name, e.departmentId, e.managerId, groups(e), attributes(e));
    }

    public static HoldingEvents.Employee view(Employee e) {
        return new HoldingEvents.Employee(e.id, e.name, e.departmentId, e.managerId, groups(e), attributes(e));
    }

    public static List<String> groups(Employee e) {
        return Json.read(e.userGroups, Json.STRINGS);
    }

    public static Map<String, BigDecimal> attributes(Employee e) {
        return Json.read(e.attributes, ATTRIBUTES);
    }

    /** Canonical groups (distinct, sorted) so an unchanged employee compares equal. */
    static List<String> canonicalGroups(List<String> groups) {
        return groups == null ? List.of() : groups.stream().distinct().sorted().toList();
    }

    static String writeGroups(List<String> groups) {
        return Json.write(canonicalGroups(groups));
    }

    /** Canonical JSON (sorted keys) so an unchanged employee compares equal. */
    static String writeAttributes(Map<String, BigDecimal> attributes) {
        TreeMap<String, BigDecimal> sorted = new TreeMap<>();
        if (attributes != null) {
            attributes.forEach((k, v) -> sorted.put(k, v.stripTrailingZeros()));
        }
        return Json.write(sorted);
    }
}
