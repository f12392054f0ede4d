package dev.ballast.cli;

import dev.ballast.formats.Durations;
import dev.ballast.formats.InputException;
import dev.ballast.formats.PolicyReader;
import dev.ballast.formats.SnapshotReader;
import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Limits;
import dev.ballast.model.Policy;
import dev.ballast.scheduler.goals.Goals;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code ballast validate FILE...}: checks snapshot and policy files and names every problem. */
@Command(name = "validate",
        mixinStandardHelpOptions = true,
        description = {"Checks snapshot and policy files, telling them apart by their kind field.",
            "A file without a readable kind is checked as a policy if its name contains \"policy\",",
            "else as a snapshot. Prints a line for each valid file to stdout, every problem to stderr."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every file is valid", "2:some file has problems"})
final class ValidateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--kind", paramLabel = "snapshot|policy",
            description = "Check every file as this kind, whatever it declares.")
    DocumentKind kind;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "A ClusterSnapshot or Policy file, YAML or JSON.")
    List<Path> files;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int exitCode = ExitCodes.OK;
        for (Path file : files) {
            try {
                out.println(describe(file, kind != null ? kind : DocumentKind.of(file)));
            } catch (InputException e) {
                err.println(e.getMessage());
                exitCode = ExitCodes.BAD_INPUT;
            }
        }
        out.flush();
        err.flush();
        return exitCode;
    }

    /** A one-line summary of a valid file. */
    static String describe(Path file, DocumentKind kind) throws InputException {
        if (kind == DocumentKind.POLICY) {
            return file + ": valid Policy " + describe(PolicyReader.read(file, Goals.registry()));
        }
        ClusterSnapshot snapshot = SnapshotReader.read(file);
        return file + ": valid ClusterSnapshot, " + Text.count(snapshot.hosts().size(), "host")
                + ", " + Text.count(snapshot.vms().size(), "VM") + ", " + Text.count(snapshot.groups().size(), "group");
    }

    private static String describe(Policy policy) {
        Limits limits = policy.limits();
        return String.format(java.util.Locale.ROOT, "\"%s\", goal %s, limits cpu %s, memory %s, network %s, %s",
                policy.name(), policy.goalName(), Text.number(limits.cpu()), Text.number(limits.memory()),
                Text.number(limits.network()),
                policy.maxMigrations() == null ? "no cap on migrations" : "at most " + Text.count(policy.maxMigrations(), "migration"))
                + churn(policy);
    }

    /** The settings that hold plans back, where they are set. */
    private static String churn(Policy policy) {
        StringBuilder line = new StringBuilder();
        if (!policy.cooldown().isZero()) {
            line.append(", cooldown ").append(Durations.format(policy.cooldown()));
        }
        // Each goal says what its own settings are.
        Goals.registry().of(policy).describe(policy.settings()).forEach(part -> line.append(", ").append(part));
        return line.toString();
    }
}
