package io.oppsuite.opportunity.importing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RFC 4180 CSV: a header row, then one record per row; quoted cells may hold commas, quotes ("")
 * and line breaks. A UTF-8 byte order mark before the header is skipped. Every data row of the
 * file comes back, in order: a row whose quotes are broken (a quote inside an unquoted cell,
 * text after a closing quote) comes back with its error, and a quote that never closes makes
 * every line it swallowed a row with that error, so a file's rows are never silently merged.
 * Hand-written rather than jackson-dataformat-csv, which reads a file as one stream and stops at
 * the first broken quote without telling which rows it affected.
 */
public final class CsvTable {

    /** One data row: its cells by header name, or why it cannot be read ({@code cells} empty then). */
    public record Row(int line, Map<String, String> cells, String error) {
    }

    private CsvTable() {
    }

    /** Every data row; a row with a different cell count than the header is kept with what it has. */
    public static List<Row> parse(String text) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<Record> records = new Reader(text).records();
        if (records.isEmpty()) {
            return List.of();
        }
        Record headerRecord = records.get(0);
        List<String> header = headerRecord.cells.stream().map(String::trim).toList();
        List<Row> rows = new ArrayList<>();
        for (Record record : records.subList(1, records.size())) {
            if (record.error != null) {
                rows.add(new Row(record.line, Map.of(), record.error));
                continue;
            }
            if (record.cells.size() == 1 && record.cells.get(0).isBlank()) {
                continue;
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < record.cells.size(); i++) {
                row.put(i < header.size() ? header.get(i) : "column" + (i + 1), record.cells.get(i));
            }
            rows.add(new Row(record.line, row, null));
        }
        return rows;
    }

    private record Record(int line, List<String> cells, String error) {
    }

    /** One pass over the text, record by record, tracking physical lines. */
    private static final class Reader {
        private final String text;
        private int at;
        private int line = 1;

        Reader(String text) {
            this.text = text;
        }

        List<Record> records() {
            List<Record> records = new ArrayList<>();
            while (at < text.length()) {
                int start = line;
                int startAt = at;
                Record record = record(start);
                if (record != null) {
                    records.add(record);
                } else {
                    // the quote opened in this record never closes: every line from its start is a broken row
                    String unclosed = "a quote opened on line " + start + " never closes";
                    for (String physical : text.substring(startAt).split("\r\n|\r|\n", -1)) {
                        if (!physical.isBlank()) {
                            records.add(new Record(start, List.of(), unclosed));
                        }
                        start++;
                    }
                    at = text.length();
                }
            }
            return records;
        }

        /** The record starting here, one with an error, or null when a quote runs to the end of the text. */
        private Record record(int start) {
            List<String> cells = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            while (true) {
                if (at < text.length() && text.charAt(at) == '"') {
                    at++;
                    boolean closed = false;
                    while (at < text.length()) {
                        char c = text.charAt(at++);
                        if (c == '"') {
                            if (at < text.length() && text.charAt(at) == '"') {
                                cell.append('"');
                                at++;
                            } else {
                                closed = true;
                                break;
                            }
                        } else {
                            if (c == '\n' || (c == '\r' && (at >= text.length() || text.charAt(at) != '\n'))) {
                                line++;
                            }
                            cell.append(c);
                        }
                    }
                    if (!closed) {
                        return null;
                    }
                    if (at < text.length() && !isEnd(text.charAt(at)) && text.charAt(at) != ',') {
                        return broken(start, "text follows a closing quote on line " + line);
                    }
                } else {
                    while (at < text.length() && text.charAt(at) != ',' && !isEnd(text.charAt(at))) {
                        if (text.charAt(at) == '"') {
                            return broken(start, "a quote inside an unquoted cell on line " + line);
                        }
                        cell.append(text.charAt(at++));
                    }
                }
                cells.add(cell.toString());
                cell.setLength(0);
                if (at >= text.length()) {
                    return new Record(start, cells, null);
                }
                char c = text.charAt(at++);
                if (c == ',') {
                    continue;
                }
                endLine(c);
                return new Record(start, cells, null);
            }
        }

        /** Skips the rest of the physical line; the record is reported with {@code error}. */
        private Record broken(int start, String error) {
            while (at < text.length() && !isEnd(text.charAt(at))) {
                at++;
            }
            if (at < text.length()) {
                endLine(text.charAt(at++));
            }
            return new Record(start, List.of(), error);
        }

        private void endLine(char c) {
            if (c == '\r' && at < text.length() && text.charAt(at) == '\n') {
                at++;
            }
            line++;
        }

        private static boolean isEnd(char c) {
            return c == '\n' || c == '\r';
        }
    }
}
