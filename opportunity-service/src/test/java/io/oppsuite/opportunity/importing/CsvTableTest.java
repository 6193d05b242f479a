package io.oppsuite.opportunity.importing;

import io.oppsuite.opportunity.overdue.StageDurations;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsvTableTest {

    @Test
    void quotedCellsKeepCommasQuotesAndLineBreaks() {
        List<Map<String, String>> rows = CsvTable.parse("name,amount\r\n\"Big, \"\"bold\"\" deal\",10\n\"two\nlines\",5\n\n");
        assertEquals(2, rows.size());
        assertEquals("Big, \"bold\" deal", rows.get(0).get("name"));
        assertEquals("10", rows.get(0).get("amount"));
        assertEquals("two\nlines", rows.get(1).get("name"));
    }

    @Test
    void headerOnlyOrEmptyHasNoRows() {
        assertTrue(CsvTable.parse("name,amount\n").isEmpty());
        assertTrue(CsvTable.parse("").isEmpty());
    }

    @Test
    void stageDurationsReadIsoDurationsAndPeriods() {
        assertEquals(Duration.ofDays(14), StageDurations.parse("P14D").orElseThrow());
        assertEquals(Duration.ofHours(36), StageDurations.parse("PT36H").orElseThrow());
        assertEquals(Duration.ofDays(30), StageDurations.parse("P1M").orElseThrow());
        assertTrue(StageDurations.parse("soon").isEmpty());
    }
}
