package dev.ballast.bench;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The {@code validate} suite's results as one Markdown table, a row per case, printed to stdout
 * and written below the planning table in {@code results.md}. A dash: the step did not run.
 * The columns are explained in {@code docs/benchmarks.md}.
 */
public final class ValidateTable {

    private record Column(String header, Function<ValidateResult, String> cell) {
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("suite", ValidateResult::suite),
            new Column("case", ValidateResult::caseName),
            new Column("hosts", r -> String.format(Locale.ROOT, "%,d", r.hosts())),
            new Column("VMs", r -> String.format(Locale.ROOT, "%,d", r.vms())),
            new Column("MB", r -> String.format(Locale.ROOT, "%,.0f", r.fileBytes() / 1e6)),
            new Column("read s", r -> decimal(r.readSeconds(), 2)),
            new Column("validate s", r -> decimal(r.validateSeconds(), 2)),
            new Column("validate/read", r -> decimal(r.validateToRead(), 2)),
            new Column("load s", r -> decimal(r.loadSeconds(), 2)),
            new Column("load/read", r -> decimal(r.loadToRead(), 2)),
            new Column("read CPU s", r -> decimal(r.readCpuSeconds(), 2)),
            new Column("validate CPU s", r -> decimal(r.validateCpuSeconds(), 2)),
            new Column("load CPU s", r -> decimal(r.loadCpuSeconds(), 2)),
            new Column("read heap MiB", r -> heap(r.readPeakHeapMiB())),
            new Column("validate heap MiB", r -> heap(r.validatePeakHeapMiB())),
            new Column("load heap MiB", r -> heap(r.loadPeakHeapMiB())),
            new Column("rounds", r -> Integer.toString(r.rounds())),
            new Column("valid", r -> r.valid() ? "yes" : "no"),
            new Column("under 2×", r -> r.targetMet() ? "yes" : "no"));

    private ValidateTable() {
    }

    public static String of(List<ValidateResult> results) {
        StringBuilder table = new StringBuilder();
        table.append(row(COLUMNS.stream().map(Column::header).toList()));
        table.append(row(COLUMNS.stream().map(c -> c.header().equals("suite") || c.header().equals("case")
                ? "---" : "---:").toList()));
        for (ValidateResult result : results) {
            table.append(row(COLUMNS.stream().map(c -> c.cell().apply(result)).toList()));
        }
        return table.toString();
    }

    /** One line per case that did not validate, saying why. */
    public static List<String> errors(List<ValidateResult> results) {
        return results.stream().filter(r -> r.error() != null)
                .map(r -> "- " + r.suite() + "/" + r.caseName() + ": " + r.error()).toList();
    }

    private static String row(List<String> cells) {
        return "| " + String.join(" | ", cells) + " |\n";
    }

    private static String heap(Double mib) {
        return mib == null ? "–" : String.format(Locale.ROOT, "%,d", Math.round(mib));
    }

    private static String decimal(Double value, int places) {
        return value == null ? "–" : String.format(Locale.ROOT, "%." + places + "f", value);
    }
}
