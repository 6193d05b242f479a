package io.oppsuite.pipeline.process;

import com.fasterxml.jackson.databind.node.IntNode;
import io.oppsuite.common.contracts.SalesProcessSnapshot;
import io.oppsuite.common.contracts.SalesProcessSnapshot.Settings;
import io.oppsuite.common.contracts.StageType;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The process rules alone, without Quarkus. */
class SalesProcessRulesTest {

    static final Map<String, StageType> CATALOGUE = Map.of(
            "qualification", StageType.IN_PROGRESS, "proposal", StageType.IN_PROGRESS,
            "won", StageType.WON, "lost", StageType.LOST, "invalid", StageType.INVALID, "won-2", StageType.WON);

    static List<ProcessStage> stages(String... keys) {
        return Arrays.stream(keys).map(k -> new ProcessStage(k, null, null)).toList();
    }

    static List<String> rules(List<ProcessStage> stages) {
        return SalesProcessRules.check(stages, CATALOGUE).stream().map(SalesProcessRules.Violation::rule).toList();
    }

    @Test
    void aWellFormedProcessHasNoViolations() {
        assertEquals(List.of(), rules(stages("qualification", "proposal", "won", "lost", "invalid")));
        // terminal stages may come in any order among themselves
        assertEquals(List.of(), rules(stages("qualification", "invalid", "lost", "won")));
    }

    @Test
    void structureRules() {
        assertEquals(List.of(SalesProcessRules.IN_PROGRESS_REQUIRED), rules(stages("won", "lost", "invalid")));
        assertEquals(List.of(SalesProcessRules.TERMINAL_REQUIRED), rules(stages("qualification", "won", "lost")));
        assertEquals(List.of(SalesProcessRules.IN_PROGRESS_AFTER_TERMINAL), rules(stages("qualification", "won", "proposal", "lost", "invalid")));
        assertEquals(List.of(SalesProcessRules.STAGE_REPEATED), rules(stages("qualification", "qualification", "won", "lost", "invalid")));
        assertEquals(List.of(SalesProcessRules.STAGE_REPEATED), rules(stages("qualification", "won", "won-2", "lost", "invalid")));
        assertEquals(List.of(SalesProcessRules.STAGE_UNKNOWN), rules(stages("qualification", "ghost", "won", "lost", "invalid")));
        assertEquals(4, rules(stages()).size(), "no stages: in-progress and three terminal stages missing");
    }

    @Test
    void durations() {
        assertTrue(SalesProcessRules.validDuration("P14D"));
        assertTrue(SalesProcessRules.validDuration("PT36H"));
        assertTrue(SalesProcessRules.validDuration("P1M"));
        assertFalse(SalesProcessRules.validDuration("P0D"));
        assertFalse(SalesProcessRules.validDuration("-P1D"));
        assertFalse(SalesProcessRules.validDuration("14 days"));
    }

    @Test
    void settingsMustFitTheStageAndItsTasks() {
        Settings inProgress = new Settings("P14D", new SalesProcessSnapshot.OverdueReminder(true, List.of("OWNER")),
                new SalesProcessSnapshot.Approval(true, "flow-1"), true,
                List.of(new SalesProcessSnapshot.FieldCondition("amount", "GT", IntNode.valueOf(0))), List.of("t1"), false, null);
        SalesProcessSnapshot.Task task = new SalesProcessSnapshot.Task("t1", "Fill", SalesProcessSnapshot.TaskType.EDIT_OBJECT, true,
                List.of("amount"), null);
        ProcessStage good = new ProcessStage("qualification", inProgress, List.of(task));
        assertEquals(List.of(), rules(List.of(good, new ProcessStage("won", null, null), new ProcessStage("lost", null, null),
                new ProcessStage("invalid", null, null))));

        ProcessStage noTask = new ProcessStage("qualification", inProgress, List.of());
        assertEquals(List.of(SalesProcessRules.COMPLETION_TASK_UNKNOWN), rules(List.of(noTask, new ProcessStage("won", null, null),
                new ProcessStage("lost", null, null), new ProcessStage("invalid", null, null))));

        Settings terminal = new Settings(null, null, null, false, List.of(), List.of(), true,
                new SalesProcessSnapshot.TerminalRequirements(true, List.of("price"), null));
        assertEquals(List.of(SalesProcessRules.SETTING_NOT_FOR_STAGE_TYPE), rules(List.of(new ProcessStage("qualification", terminal, null),
                new ProcessStage("won", null, null), new ProcessStage("lost", terminal, null), new ProcessStage("invalid", null, null))));
        assertEquals(List.of(SalesProcessRules.SETTING_NOT_FOR_STAGE_TYPE), rules(List.of(new ProcessStage("qualification", null, null),
                new ProcessStage("won", null, null), new ProcessStage("lost", inProgress, List.of(task)), new ProcessStage("invalid", null, null))));
    }
}
