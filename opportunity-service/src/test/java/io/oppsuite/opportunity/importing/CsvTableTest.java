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
        List<CsvTable.Row> rows = CsvTable.parse("name,amount\r\n\"Big, \"\"bold\"\" deal\",10\n\"two\nlines\",5\n\n");
        assertEquals(2, rows.size());
        assertEquals("Big, \"bold\" deal", rows.get(0).cells().get("name"));
        assertEquals("10", rows.get(0).cells().get("amount"));
        assertEquals("two\nlines", rows.get(1).cells().get("name"));
        assertEquals(3, rows.get(1).line());
    }

    @Test
    void aByteOrderMarkIsSkipped() {
        List<CsvTable.Row> rows = CsvTable.parse("\uFEFFname,amount\nDeal,5\n");
        assertEquals(Map.of("name", "Deal", "amount", "5"), rows.get(0).cells());
    }

    @Test
    void everyDataRowComesBackAndBrokenQuotesAreErrorsOnTheRowsTheyAffect() {
        List<CsvTable.Row> rows = CsvTable.parse("name,amount\nOne,1\nTw\"o,2\n\"Three\"x,3\nFour,4\n\"Five,5\nSix,6\n");
        assertEquals(6, rows.size(), rows.toString());
        assertEquals("One", rows.get(0).cells().get("name"));
        assertTrue(rows.get(1).error().contains("quote inside an unquoted cell"), rows.get(1).toString());
        assertTrue(rows.get(2).error().contains("text follows a closing quote"), rows.get(2).toString());
        assertEquals("Four", rows.get(3).cells().get("name"));
        assertTrue(rows.get(4).error().contains("never closes"));
        assertTrue(rows.get(5).error().contains("never closes"));
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
