package io.oppsuite.pipeline.process;

import io.oppsuite.common.contracts.SalesProcessSnapshot;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

/** A stage task definition. Without an id one is generated; completion conditions refer to tasks by id. */
@Schema(example = "{\"id\": \"send-quote\", \"name\": \"Send a quotation\", \"type\": \"CREATE_ASSOCIATED_OBJECT\", \"required\": true, \"recordType\": \"quotation\"}")
public record TaskInput(
        @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9_-]*") String id,
        @NotBlank @Size(max = 200) String name,
        @NotNull SalesProcessSnapshot.TaskType type,
        boolean required,
        @Size(max = 100) List<@NotBlank @Size(max = 200) String> fields,
        @Size(max = 100) String recordType) {

    public SalesProcessSnapshot.Task toContract() {
        return new SalesProcessSnapshot.Task(id == null ? UUID.randomUUID().toString() : id, name, type, required,
                fields == null ? List.of() : List.copyOf(fields), recordType);
    }
}
