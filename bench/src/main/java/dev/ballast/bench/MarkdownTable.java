package dev.ballast.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The results as one Markdown table, a row per case; the same text is printed to stdout. A
 * dash means the figure does not apply to the case or no plan came back. The columns are
 * explained in {@code docs/benchmarks.md}.
 */
public final class MarkdownTable {

    private record Column(String header, Function<CaseResult, String> cell) {
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("suite", CaseResult::suite),
            new Column("case", CaseResult::caseName),
            new Column("goal", CaseResult::goal),
            new Column("hosts", r -> count(r.hosts())),
            new Column("VMs", r -> count(r.vms())),
            new Column("used before", r -> count(r.hostsBefore())),
            new Column("used after", r -> count(r.hostsAfter())),
            new Column("lower bound", r -> count(r.lowerBound())),
            new Column("after/bound", r -> ratio(r.ratioToLowerBound())),
            new Column("watts after", r -> watts(r.powerAfterWatts())),
            new Column("best known", r -> watts(r.bestKnown())),
            new Column("vs best", r -> ratio(r.ratioToBestKnown())),
            new Column("FFD hosts", r -> count(r.ffdHosts())),
            new Column("FFD watts", r -> watts(r.ffdPowerWatts())),
            new Column("plan/FFD", r -> ratio(r.ratioToFfd())),
            new Column("FFD s", r -> r.whatIf() != null ? "–" : decimal(r.ffdSeconds(), 1)),
            new Column("migrations", r -> count(r.migrations())),
            new Column("GiB moved", r -> decimal(r.gibMoved(), 1)),
            new Column("VMs on emptied", r -> count(r.vmsOnEmptiedHosts())),
            new Column("moved/emptied", r -> ratio(r.migrationsPerVmOnEmptiedHosts())),
            new Column("CPU gap before", r -> points(r.cpuGapBeforePoints())),
            new Column("CPU gap after", r -> points(r.cpuGapAfterPoints())),
            new Column("CPU gap floor", r -> points(r.cpuGapFloorPoints())),
            new Column("VMs on overloaded", r -> count(r.vmsOnOverloadedHosts())),
            new Column("over limit before", r -> count(r.overload() == null ? null : r.overload().hostsOverBefore())),
            new Column("over limit after", r -> count(r.overload() == null ? null : r.overload().hostsOverAfter())),
            new Column("CPU spread before", r -> points(r.overload() == null ? null
                    : r.overload().cpuSpreadBeforePoints())),
            new Column("CPU spread after", r -> points(r.overload() == null ? null
                    : r.overload().cpuSpreadAfterPoints())),
            new Column("greedy migrations", r -> count(r.overload() == null ? null
                    : r.overload().greedyMigrations())),
            new Column("greedy GiB", r -> decimal(r.overload() == null ? null : r.overload().greedyGibMoved(), 1)),
            new Column("greedy over after", r -> count(r.overload() == null ? null
                    : r.overload().greedyHostsOverAfter())),
            new Column("not absorbable", r -> count(r.whatIf() == null ? null : r.whatIf().notAbsorbable())),
            new Column("planner runs", r -> count(r.whatIf() == null ? null : r.whatIf().plannerRuns())),
            new Column("fit more", r -> count(r.whatIf() == null ? null : r.whatIf().fitMore())),
            new Column("to best s", r -> decimal(r.timeToBestSeconds(), 1)),
            new Column("calcs/s", r -> count(r.scoreCalculationsPerSecond() == null ? null
                    : (int) Math.round(r.scoreCalculationsPerSecond()))),
            new Column("heap MiB", r -> count((int) Math.round(r.peakHeapMiB()))),
            new Column("wall s", r -> decimal(r.wallSeconds(), 1)),
            new Column("valid", MarkdownTable::validity));

    private MarkdownTable() {
    }

    public static String of(List<CaseResult> results) {
        StringBuilder table = new StringBuilder();
        table.append(row(COLUMNS.stream().map(Column::header).toList()));
        table.append(row(COLUMNS.stream().map(c -> c.header().equals("suite") || c.header().equals("case")
                || c.header().equals("goal") ? "---" : "---:").toList()));
        for (CaseResult result : results) {
            table.append(row(COLUMNS.stream().map(c -> c.cell().apply(result)).toList()));
        }
        return table.toString();
    }

    /** One line per case that brought no valid plan, saying why. */
    public static List<String> errors(List<CaseResult> results) {
        List<String> lines = new ArrayList<>();
        results.stream().filter(r -> r.error() != null)
                .forEach(r -> lines.add("- " + r.suite() + "/" + r.caseName() + ": " + r.error()));
        return lines;
    }

    private static String validity(CaseResult r) {
        if (!r.valid()) {
            return "no";
        }
        return r.inTime() ? "yes" : "late";
    }

    private static String row(List<String> cells) {
        return "| " + String.join(" | ", cells) + " |\n";
    }

    private static String count(Integer value) {
        return value == null ? "–" : String.format(Locale.ROOT, "%,d", value);
    }

    private static String watts(Double value) {
        return value == null ? "–" : String.format(Locale.ROOT, "%,.0f", value);
    }

    private static String ratio(Double value) {
        return decimal(value, 3);
    }

    private static String points(Double value) {
        return value == null ? "–" : String.format(Locale.ROOT, "%.1f pt", value);
    }

    private static String decimal(Double value, int places) {
        return value == null ? "–" : String.format(Locale.ROOT, "%." + places + "f", value);
    }
}
