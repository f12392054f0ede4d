package dev.ballast.cli;

import dev.ballast.formats.PlanReader;
import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.MigrationPlan;
import dev.ballast.model.Policy;
import dev.ballast.rules.PlanCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code ballast check-plan PLAN --snapshot FILE}: replays a plan on a snapshot, step by step,
 * and says whether every step is valid in the state the previous ones leave. For a plan edited
 * by hand, or one made a while ago, before it is run.
 */
@Command(name = "check-plan",
        mixinStandardHelpOptions = true,
        description = {"Replays a plan on a snapshot and reports the first step that breaks a rule.",
            "Each step must find its VM where it says and keep every host within the policy's limits,",
            "with the VM still on its source; the end state must keep the groups and the migration cap."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every step is valid and the end state is sound",
            "1:a step or the end state breaks a rule; it is printed",
            "2:bad input: a file, an option or an argument"})
final class CheckPlanCommand extends Subcommand {


    @Parameters(paramLabel = "PLAN", description = "A ballast/v1 MigrationPlan, as ballast plan --output writes it.")
    Path planFile;

    @Mixin
    SnapshotOption snapshotOption;

    @Mixin
    PlanPolicyOption policyOption;


    @Override
    int run(PrintWriter out, PrintWriter err) {
        List<String> problems = new ArrayList<>();
        MigrationPlan plan = Inputs.read(() -> PlanReader.read(planFile), problems);
        ClusterSnapshot snapshot = snapshotOption.read(problems);
        Policy policy = policyOption.of(plan, planFile, problems);
        if (!problems.isEmpty()) {
            problems.forEach(err::println);
            return ExitCodes.BAD_INPUT;
        }
        Optional<PlanCheck.Problem> problem = PlanCheck.firstProblem(snapshot, policy, plan);
        if (problem.isPresent()) {
            err.println(planFile + ": " + problem.get());
            return ExitCodes.FAILED;
        }
        out.println(planFile + ": OK, " + Text.count(plan.steps().size(), "step") + " valid on " + snapshotOption.file
                + " under policy \"" + policy.name() + "\"");
        return ExitCodes.OK;
    }

    /** The built-in policy the plan was made with; a policy of the operator's own must be passed. */

    /** Like the checker's own wording, with a new VM's missing source shown as {@code (new)}. */

}
