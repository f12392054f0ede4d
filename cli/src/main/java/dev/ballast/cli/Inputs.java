package dev.ballast.cli;

import dev.ballast.formats.InputException;
import dev.ballast.formats.Printable;
import dev.ballast.model.MigrationPlan;
import dev.ballast.model.Policy;
import dev.ballast.rules.Policies;
import dev.ballast.scheduler.goals.Goals;

import java.nio.file.Path;

import java.util.List;

/** Reading a command's input files so that one run reports every bad file, not just the first. */
final class Inputs {

    /** Reads one input file or policy. */
    interface Reading<T> {
        T read() throws InputException;
    }

    private Inputs() {
    }

    /**
     * The policy a plan is to run under: {@code --policy} when given, else the built-in policy the
     * plan names. A plan made with a policy file needs that file again.
     */
    static Policy policyOf(String policyOption, MigrationPlan plan, Path planFile, List<String> problems) {
        if (policyOption != null) {
            return policy(policyOption, problems);
        }
        if (plan == null) {
            return null;
        }
        if (Policies.builtInNames().contains(plan.policy())) {
            return Policies.builtIn(plan.policy(), Goals.registry());
        }
        problems.add(planFile + ": policy: \"" + plan.policy() + "\" is not a built-in policy ("
                + String.join(", ", Policies.builtInNames()) + "); pass the policy file the plan was made with: "
                + "--policy FILE");
        return null;
    }

    /**
     * The policy {@code --policy} names: a built-in policy or a policy file; null with the problem
     * added to {@code problems} when it cannot be read. An empty name would otherwise be taken for
     * the current directory.
     */
    static Policy policy(String policyOption, List<String> problems) {
        if (policyOption.isBlank()) {
            problems.add("--policy '" + Printable.escape(policyOption) + "': empty; give a built-in policy ("
                    + String.join(", ", Policies.builtInNames()) + ") or a policy file");
            return null;
        }
        return read(() -> Policies.resolve(policyOption, Goals.registry()), problems);
    }

    /** What {@code reading} reads, or null with its problems added to {@code problems}. */
    static <T> T read(Reading<T> reading, List<String> problems) {
        try {
            return reading.read();
        } catch (InputException e) {
            problems.add(e.getMessage());
            return null;
        }
    }
}
