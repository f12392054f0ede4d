package dev.ballast.reports;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Left-aligned columns padded to their widest cell, two spaces apart; a row may have a line of
 * its own under it, starting at the second column (a step's reason under the step).
 */
final class TextTable {

    private final List<String[]> rows = new ArrayList<>();
    private final Map<Integer, String> under = new HashMap<>();
    private final String indent;

    TextTable(String indent) {
        this.indent = indent;
    }

    TextTable row(String... cells) {
        rows.add(cells);
        return this;
    }

    /** A line under the last row, from its second column on. */
    TextTable under(String line) {
        under.put(rows.size() - 1, line);
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    void appendTo(StringBuilder text) {
        int columns = rows.stream().mapToInt(r -> r.length).max().orElse(0);
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            StringBuilder line = new StringBuilder(indent);
            for (int c = 0; c < row.length; c++) {
                line.append(c == row.length - 1 ? row[c] : pad(row[c], widths[c]) + "  ");
            }
            text.append(line.toString().stripTrailing()).append('\n');
            if (under.containsKey(r)) {
                text.append(indent).append(" ".repeat(columns > 1 ? widths[0] + 2 : 0)).append(under.get(r)).append('\n');
            }
        }
    }

    private static String pad(String cell, int width) {
        return cell + " ".repeat(width - cell.length());
    }
}
