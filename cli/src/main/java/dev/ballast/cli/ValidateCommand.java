package dev.ballast.cli;

import dev.ballast.formats.Document;
import dev.ballast.formats.Durations;
import dev.ballast.formats.InputException;
import dev.ballast.formats.PolicyReader;
import dev.ballast.formats.Printable;
import dev.ballast.formats.SnapshotReader;
import dev.ballast.model.Limits;
import dev.ballast.model.Policy;
import dev.ballast.model.PowerLimits;
import dev.ballast.scheduler.goals.Goals;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** {@code ballast validate FILE...}: checks snapshot and policy files and names every problem. */
@Command(name = "validate",
        mixinStandardHelpOptions = true,
        description = {"Checks snapshot, policy and what-if files, telling them apart by their kind field.",
            "A file without a readable kind is checked as a policy if its name contains \"policy\",",
            "else as a snapshot. Prints a line for each valid file to stdout, every problem to stderr."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every file is valid", "2:some file has problems"})
final class ValidateCommand extends Subcommand {

    @Option(names = "--kind", paramLabel = "snapshot|policy|whatif",
            description = "Check every file as this kind, whatever it declares.")
    DocumentKind kind;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "A ClusterSnapshot or Policy file, YAML or JSON.")
    List<Path> files;

    @Override
    int run(PrintWriter out, PrintWriter err) {
        int exitCode = ExitCodes.OK;
        for (Path file : files) {
            try {
                // Parsed once: the kind is read from the parsed document, not by parsing it again.
                Document document = Document.read(file);
                out.println(describe(document, kind != null ? kind : DocumentKind.of(document)));
            } catch (InputException e) {
                err.println(e.getMessage());
                exitCode = ExitCodes.BAD_INPUT;
            }
        }
        return exitCode;
    }

    /** A one-line summary of a valid file. */
    static String describe(Document document, DocumentKind kind) throws InputException {
        String file = Printable.escape(document.source());
        if (kind == DocumentKind.POLICY) {
            return file + ": valid Policy " + describe(PolicyReader.read(document, Goals.registry()));
        }
        if (kind == DocumentKind.WHATIF) {
            dev.ballast.model.WhatIf scenario = dev.ballast.formats.WhatIfReader.read(document);
            return file + ": valid WhatIf, policy " + scenario.policy() + ", "
                    + Text.count(scenario.cases().size(), "case");
        }
        SnapshotReader.Counts snapshot = SnapshotReader.check(document);
        return file + ": valid ClusterSnapshot, " + Text.count(snapshot.hosts(), "host")
                + ", " + Text.count(snapshot.vms(), "VM") + ", " + Text.count(snapshot.groups(), "group");
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
        PowerLimits power = policy.power();
        if (!power.reserve().isNone()) {
            line.append(", reserve ").append(power.reserve().describe());
        }
        if (power.maxPowerOffsPerRun() != null) {
            line.append(", at most ").append(Text.count(power.maxPowerOffsPerRun(), "host")).append(" off per plan");
        }
        if (!power.powerCooldown().isZero()) {
            line.append(", power cooldown ").append(Durations.format(power.powerCooldown()));
        }
        return line.toString();
    }
}
