package dev.ballast.cli;

import dev.ballast.model.Policy;
import picocli.CommandLine.Option;

import java.util.List;

/**
 * {@code --policy NAME|FILE}, required: the policy to plan under. A picocli mixin; commands that
 * read a plan take {@link PlanPolicyOption} instead.
 */
final class PolicyOption {

    @Option(names = "--policy", required = true, paramLabel = "NAME|FILE", descriptionKey = "policy",
            description = "A built-in policy (balance, consolidate, relieve) or a ballast/v1 Policy file.")
    String name;

    /** The policy, or null with its problems added to {@code problems}. */
    Policy read(List<String> problems) {
        return Inputs.policy(name, problems);
    }
}
