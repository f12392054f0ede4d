package dev.ballast.cli;

import dev.ballast.formats.PlanWriter;
import dev.ballast.formats.SnapshotReader;
import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.MigrationPlan;
import dev.ballast.model.Policy;
import dev.ballast.scheduler.NoFeasiblePlacementException;
import dev.ballast.scheduler.Planner;
import dev.ballast.scheduler.SolverSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
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
            "0:plan made (possibly empty) and written",
            "1:no feasible placement; the reasons are printed",
            "2:bad input: a file, an option or an argument"})
final class PlanCommand extends Subcommand {

    /** How the plan is shown on stdout. */
    enum Format { TEXT, JSON }


    @Option(names = "--snapshot", required = true, paramLabel = "FILE",
            description = "The cluster: a ballast/v1 ClusterSnapshot, YAML or JSON.")
    Path snapshotFile;

    @Option(names = "--policy", required = true, paramLabel = "NAME|FILE",
            description = "A built-in policy (balance, consolidate) or a ballast/v1 Policy file.")
    String policyName;

    @Option(names = "--time-limit", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "The longest the solver may search, e.g. 500ms, 30s, 2m (default 30s).")
    Duration timeLimit;

    @Option(names = "--seed", paramLabel = "N", description = "Fixes the solver's search, for repeatable plans.")
    Long seed;

    @Option(names = "--output", paramLabel = "PLAN.json", description = "Also write the plan as JSON to this file.")
    Path output;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
            description = "What stdout shows: text for a person (default), json for a program.")
    Format format;


    @Override
    int run(PrintWriter out, PrintWriter err) {
        List<String> problems = new ArrayList<>();
        ClusterSnapshot snapshot = Inputs.read(() -> SnapshotReader.read(snapshotFile), problems);
        Policy policy = Inputs.policy(policyName, problems);
        PlanFiles.checkWritable(output, "--output").ifPresent(problems::add);
        if (!problems.isEmpty()) {
            problems.forEach(err::println);
            return ExitCodes.BAD_INPUT;
        }
        MigrationPlan plan;
        try {
            plan = new Planner(settings()).plan(snapshot, policy);
        } catch (NoFeasiblePlacementException e) {
            Reasons.print(err, policy, e);
            return ExitCodes.FAILED;
        }
        return show(out, err, snapshot, policy, plan);
    }

    private int show(PrintWriter out, PrintWriter err, ClusterSnapshot snapshot, Policy policy, MigrationPlan plan) {
        String json = PlanWriter.toJson(plan);
        if (output != null) {
            try {
                PlanFiles.write(output, json);
            } catch (IOException e) {
                err.println("--output " + output + ": cannot write the plan: " + e.getMessage());
                return ExitCodes.BAD_INPUT;
            }
        }
        out.print(format == Format.JSON ? Text.endLine(json) : PlanTextReport.render(snapshot, policy, plan));
        return ExitCodes.OK;
    }


    private SolverSettings settings() {
        SolverSettings settings = timeLimit == null ? SolverSettings.DEFAULT : SolverSettings.DEFAULT.withTimeLimit(timeLimit);
        return seed == null ? settings : settings.withSeed(seed);
    }
}
