package dev.ballast.cli;

import dev.ballast.formats.PlanWriter;
import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.MigrationPlan;
import dev.ballast.model.Policy;
import dev.ballast.reports.PlanTextRenderer;
import dev.ballast.reports.PlanView;
import dev.ballast.reports.html.PlanHtmlRenderer;
import dev.ballast.scheduler.NoFeasiblePlacementException;
import dev.ballast.scheduler.Planner;
import dev.ballast.scheduler.SolverSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ballast plan}: reads a snapshot and a policy, plans, and writes the plan. Nothing is
 * written unless a plan was made, so a stale --output is never half-overwritten.
 */
@Command(name = "plan",
        mixinStandardHelpOptions = true,
        description = "Plans the migrations that bring a cluster snapshot in line with a policy.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:plan made (possibly empty) and written; what it cannot mend is named in its summary",
            "1:no feasible placement; the reasons are printed",
            "2:bad input: a file, an option or an argument"})
final class PlanCommand extends Subcommand {

    /** How the plan is shown: on stdout, or for html in --output when given. */
    enum Format { TEXT, JSON, HTML }


    @Mixin
    SnapshotOption snapshotOption;

    @Mixin
    PolicyOption policyOption;

    @Mixin
    SearchOptions search;

    @Mixin
    ProgressOption progressOption;

    @Option(names = "--output", paramLabel = "FILE",
            description = "Also write the plan as JSON to this file; with --format html, the HTML report instead.")
    Path output;

    @Option(names = "--format", paramLabel = "text|json|html", defaultValue = "text",
            description = "What stdout shows: text for a person (default), json for a program, html for a report "
                    + "with charts as one self-contained page (written to --output when given).")
    Format format;


    @Override
    int run(PrintWriter out, PrintWriter err) {
        List<String> problems = new ArrayList<>();
        ClusterSnapshot snapshot = snapshotOption.read(problems);
        Policy policy = policyOption.read(problems);
        PlanFiles.checkWritable(output, "--output").ifPresent(problems::add);
        if (!problems.isEmpty()) {
            problems.forEach(err::println);
            return ExitCodes.BAD_INPUT;
        }
        MigrationPlan plan;
        try (TerminalProgress progress = progressOption.open(err, "plan " + policy.name())) {
            plan = new Planner(settings(), Clock.systemUTC(), stats -> { }, progress::search).plan(snapshot, policy);
        } catch (NoFeasiblePlacementException e) {
            Reasons.print(err, policy, e);
            return ExitCodes.FAILED;
        }
        return show(out, err, snapshot, policy, plan);
    }

    private int show(PrintWriter out, PrintWriter err, ClusterSnapshot snapshot, Policy policy, MigrationPlan plan) {
        String json = PlanWriter.toJson(plan);
        String html = format == Format.HTML ? PlanHtmlRenderer.render(PlanView.of(snapshot, policy, plan)) : null;
        if (output != null) {
            try {
                PlanFiles.write(output, html != null ? html : json);
            } catch (IOException e) {
                err.println("--output " + output + ": cannot write the " + (html != null ? "report" : "plan") + ": "
                        + e.getMessage());
                return ExitCodes.BAD_INPUT;
            }
        }
        if (html != null) {
            out.print(output != null ? reportWritten(plan, html) : html);
        } else {
            out.print(format == Format.JSON ? Text.endLine(json)
                    : PlanTextRenderer.render(PlanView.of(snapshot, policy, plan)));
        }
        int left = plan.summary().unresolved().size();
        if (left > 0) {
            err.println("the plan leaves " + left + (left == 1 ? " breach" : " breaches")
                    + " of the hard rules as they are, which no placement mends: see the summary's unresolved");
        }
        return ExitCodes.OK;
    }


    /** {@code report.html: HTML report of policy consolidate's plan, 167 steps, 153 KiB}. */
    private String reportWritten(MigrationPlan plan, String html) {
        long kib = Math.round(html.getBytes(StandardCharsets.UTF_8).length / 1024.0);
        return output + ": HTML report of policy " + plan.policy() + "'s plan, " + Text.count(plan.steps().size(), "step")
                + ", " + kib + " KiB\n";
    }

    private SolverSettings settings() {
        SolverSettings settings = search.timeLimit == null ? SolverSettings.DEFAULT
                : SolverSettings.DEFAULT.withTimeLimit(search.timeLimit);
        return search.seed == null ? settings : settings.withSeed(search.seed);
    }
}
