package io.oppsuite.holding.directory;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** A bulk upsert of a tenant's HR data: what is listed is created or replaced, what is not listed is left alone. */
public record DirectorySync(@Size(max = 1000) List<@Valid @NotNull DepartmentInput> departments,
                            @Size(max = 1000) List<@Valid @NotNull UserGroupInput> userGroups,
                            @Size(max = 5000) List<@Valid @NotNull EmployeeInput> employees) {

    static final String ID = "[A-Za-z0-9._:@-]{1,120}";

    public List<DepartmentInput> departmentsOrEmpty() {
        return departments == null ? List.of() : departments;
    }

    public List<UserGroupInput> userGroupsOrEmpty() {
        return userGroups == null ? List.of() : userGroups;
    }

    public List<EmployeeInput> employeesOrEmpty() {
        return employees == null ? List.of() : employees;
    }

    public record DepartmentInput(@NotNull @Pattern(regexp = ID) String id, @NotBlank @Size(max = 200) String name,
                                  @Pattern(regexp = ID) String managerId) {
    }

    public record UserGroupInput(@NotNull @Pattern(regexp = ID) String id, @NotBlank @Size(max = 200) String name) {
    }

    /** @param attributes numeric attributes a variable limit may name, e.g. {@code quota} or {@code level} */
    public record EmployeeInput(@NotNull @Pattern(regexp = ID) String id, @NotBlank @Size(max = 200) String name,
                                @Pattern(regexp = ID) String departmentId, @Pattern(regexp = ID) String managerId,
                                @Size(max = 50) List<@NotNull @Pattern(regexp = ID) String> userGroups,
                                @Size(max = 50) Map<@NotNull @Pattern(regexp = "[A-Za-z][A-Za-z0-9_]{0,59}") String, @NotNull BigDecimal> attributes) {
    }
}
