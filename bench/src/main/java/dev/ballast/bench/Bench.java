package dev.ballast.bench;

import dev.ballast.formats.Durations;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs the chosen cases one after another, writes {@code results.md} and {@code results.json}
 * after each (so an interrupted run keeps what it measured), and prints the table. Cases run
 * one at a time: a benchmark sharing the machine with itself measures nothing.
 */
public final class Bench {

    /** Every case brought a valid plan. */
    public static final int OK = 0;
    /** Some case brought no valid plan; the others were still run. */
    public static final int FAILED = 1;
    /** A bad option or data set. */
    public static final int BAD_INPUT = 2;

    private Bench() {
    }

    /** @return the exit code: {@link #OK}, {@link #FAILED} or {@link #BAD_INPUT} */
    public static int run(BenchOptions options, PrintWriter out, PrintWriter err) {
        return run(options, out, err, progress -> { });
    }

    /** As {@link #run(BenchOptions, PrintWriter, PrintWriter)}, telling {@code progress} how each search goes. */
    public static int run(BenchOptions options, PrintWriter out, PrintWriter err,
            java.util.function.Consumer<dev.ballast.scheduler.SearchProgress> progress) {
        try {
            Suites.Selection chosen = Suites.choose(options.suites(), options.seed(), options.dataDir());
            RunInfo info = RunInfo.here(Instant.now(), chosen.ids(),
                    options.timeLimit() == null ? null : Durations.format(options.timeLimit()), options.seed());
            List<CaseResult> results = new ArrayList<>();
            List<ValidateResult> validation = new ArrayList<>();
            int count = chosen.plans().size() + chosen.validations().size();
            runAll(chosen.plans(), options, info, err, results, count, progress);
            validateAll(chosen.validations(), options, info, err, results, validation, count);
            if (!chosen.plans().isEmpty()) {
                out.print(MarkdownTable.of(results));
                MarkdownTable.errors(results).forEach(out::println);
            }
            if (!validation.isEmpty()) {
                out.print(ValidateTable.of(validation));
                ValidateTable.errors(validation).forEach(out::println);
            }
            out.println("Results written to " + options.outputDir().resolve(ResultsWriter.MARKDOWN_FILE) + " and "
                    + ResultsWriter.JSON_FILE);
            out.flush();
            return results.stream().allMatch(CaseResult::valid) && validation.stream().allMatch(ValidateResult::valid)
                    ? OK : FAILED;
        } catch (BenchInputException e) {
            err.println("ballast bench: " + e.getMessage());
            err.flush();
            return BAD_INPUT;
        }
    }

    private static void runAll(List<BenchCase> cases, BenchOptions options, RunInfo info, PrintWriter err,
            List<CaseResult> results, int count, java.util.function.Consumer<dev.ballast.scheduler.SearchProgress> progress)
            throws BenchInputException {
        CaseRunner runner = new CaseRunner(options.timeLimit(), options.seed(), progress);
        for (int i = 0; i < cases.size(); i++) {
            BenchCase benchCase = cases.get(i);
            err.printf(Locale.ROOT, "[%d/%d] %s ...%n", i + 1, count, benchCase.id());
            err.flush();
            CaseResult result = runner.run(benchCase);
            err.println(progress(result));
            err.flush();
            results.add(result);
            ResultsWriter.write(options.outputDir(), info, results);
        }
    }

    private static void validateAll(List<ValidateCase> cases, BenchOptions options, RunInfo info, PrintWriter err,
            List<CaseResult> results, List<ValidateResult> validation, int count) throws BenchInputException {
        ValidateRunner runner = new ValidateRunner();
        for (int i = 0; i < cases.size(); i++) {
            ValidateCase benchCase = cases.get(i);
            err.printf(Locale.ROOT, "[%d/%d] %s ...%n", results.size() + i + 1, count, benchCase.id());
            err.flush();
            ValidateResult result = runner.run(benchCase);
            err.println(progress(result));
            err.flush();
            validation.add(result);
            ResultsWriter.write(options.outputDir(), info, results, validation);
        }
    }

    private static String progress(ValidateResult r) {
        if (!r.valid()) {
            return "      not validated: " + r.error();
        }
        return String.format(Locale.ROOT, "      read %.2f s, validate %.2f s (%.2f times), load %.2f s, heap %,.0f MiB",
                r.readSeconds(), r.validateSeconds(), r.validateToRead(), r.loadSeconds(), r.validatePeakHeapMiB());
    }

    private static String progress(CaseResult r) {
        if (!r.valid()) {
            return "      no valid plan: " + r.error();
        }
        if (r.whatIf() != null) {
            return String.format(Locale.ROOT, "      %s: %d of %d host losses not absorbable, %d planner runs, %.1f s",
                    r.whatIf().verdict(), r.whatIf().notAbsorbable(), r.whatIf().hostsFailed(),
                    r.whatIf().plannerRuns(), r.wallSeconds());
        }
        return String.format(Locale.ROOT, "      %d hosts used (bound %d), %,.0f W, %d migrations, %.1f s",
                r.hostsAfter(), r.lowerBound(), r.powerAfterWatts(), r.migrations(), r.wallSeconds());
    }
}
