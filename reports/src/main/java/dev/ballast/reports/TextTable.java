package dev.ballast.reports;

import java.util.ArrayList;
import java.util.List;

/** Left-aligned columns padded to their widest cell, two spaces apart. */
final class TextTable {

    private final List<String[]> rows = new ArrayList<>();
    private final String indent;

    TextTable(String indent) {
        this.indent = indent;
    }

    TextTable row(String... cells) {
        rows.add(cells);
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
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder(indent);
            for (int c = 0; c < row.length; c++) {
                line.append(c == row.length - 1 ? row[c] : pad(row[c], widths[c]) + "  ");
            }
            text.append(line.toString().stripTrailing()).append('\n');
        }
    }

    private static String pad(String cell, int width) {
        return cell + " ".repeat(width - cell.length());
    }
}
