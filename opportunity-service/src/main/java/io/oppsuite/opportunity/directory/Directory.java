package io.oppsuite.opportunity.directory;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What holding-service's directory says of an employee, as learnt from holding-events: department
 * and user groups. Someone the directory does not know has neither. Needs a session.
 */
@ApplicationScoped
public class Directory {

    /** An employee's place in the directory. */
    public record Member(String departmentId, Set<String> userGroups) {
        public static final Member UNKNOWN = new Member(null, Set.of());
    }

    @Inject
    ObjectMapper mapper;

    public Uni<Member> member(String tenantId, String employeeId) {
        if (employeeId == null) {
            return Uni.createFrom().item(Member.UNKNOWN);
        }
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "select department_id, user_groups from directory_employee where tenant_id = ?1 and employee_id = ?2", Object[].class)
                .setParameter(1, tenantId)
                .setParameter(2, employeeId)
                .getResultList())
                .map(rows -> rows.isEmpty() ? Member.UNKNOWN
                        : new Member((String) rows.get(0)[0], groups((String) rows.get(0)[1])));
    }

    private Set<String> groups(String json) {
        try {
            return json == null ? Set.of() : new TreeSet<>(mapper.readValue(json, new TypeReference<List<String>>() { }));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Set.of();
        }
    }
}
