package dev.ballast.cli;

import dev.ballast.model.MigrationPlan;
import dev.ballast.model.Policy;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code --policy NAME|FILE}, optional: the policy a plan is checked or run under, by default
 * the built-in one the plan names. A picocli mixin for the commands that read a plan.
 */
final class PlanPolicyOption {

    @Option(names = "--policy", paramLabel = "NAME|FILE", descriptionKey = "policy",
            description = "The policy whose limits apply (default: the built-in policy the plan names).")
    String name;

    /** The policy {@code plan} is to run under, or null with the problems added to {@code problems}. */
    Policy of(MigrationPlan plan, Path planFile, List<String> problems) {
        return Inputs.policyOf(name, plan, planFile, problems);
    }
}
