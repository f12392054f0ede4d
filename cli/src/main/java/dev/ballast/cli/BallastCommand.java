package dev.ballast.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The top of the command tree: global options and the subcommands. */
@Command(name = "ballast",
        mixinStandardHelpOptions = true,
        version = "ballast 0.1.0",
        // How shared options (the mixins) read in the commands that word them their own way.
        resourceBundle = "dev.ballast.cli.OptionWording",
        description = "Policy-based load balancer and consolidation scheduler for KVM/QEMU clusters.",
        subcommands = {PlanCommand.class, WhatIfCommand.class, CheckPlanCommand.class, ValidateCommand.class, DemoCommand.class, BenchCommand.class,
            CollectCommand.class, ApplyCommand.class, ServeCommand.class,
            PlansCommand.class, ShowCommand.class, PlanActionCommand.Approve.class, PlanActionCommand.Reject.class,
            PlanActionCommand.Cancel.class, MaintenanceCommand.class, RunJobCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done (a plan was written, possibly empty)",
            "1:the job failed: no feasible placement, or a plan that breaks a rule",
            "2:bad input: a file, an option or an argument"})
final class BallastCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Log Ballast at DEBUG and the solver at INFO, to stderr.")
    void setVerbose(boolean verbose) {
        if (verbose) {
            Logging.verbose();
        }
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command: use plan, check-plan, validate or demo");
    }
}
