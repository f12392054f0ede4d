package dev.ballast.cli;

import dev.ballast.bench.Bench;
import dev.ballast.bench.BenchOptions;
import dev.ballast.bench.DataDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code ballast bench}: runs benchmark suites and writes {@code results.md} and
 * {@code results.json}. Only reads the options: the harness is the bench module's.
 */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        description = {"Plans benchmark clusters (the public cloud-balancing data sets, generated",
            "clusters, a scale test) and measures each plan against a lower bound, the best",
            "known result and first-fit decreasing. Writes results.md and results.json and",
            "prints the table. The validate suite times reading and validating a snapshot of",
            "2.3 million VMs instead. The scale and validate suites need a large heap:",
            "  java -Xmx8g -jar cli/target/ballast.jar bench --suite scale"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every case brought a valid plan", "1:some case brought none (the others still ran)",
            "2:bad option or data set"})
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--suite", paramLabel = "NAME[/CASE]", split = ",",
            description = "Suites to run (default: all): cloudbalancing, generated, identical-consolidation, "
                    + "balance-1000, scale, overload, validate. SUITE/CASE picks cases; * matches anything (generated/100-hosts-*).")
    List<String> suites = new ArrayList<>();

    @Option(names = "--output-dir", paramLabel = "DIR", defaultValue = "bench-results",
            description = "Where results.md and results.json go (default ${DEFAULT-VALUE}).")
    Path outputDir;

    // Without --time-limit each case keeps its own; --seed is 1 unless given (OptionWording.properties words both).
    @Mixin
    SearchOptions search;

    @Option(names = "--data", paramLabel = "DIR",
            description = "The cloud-balancing data sets (default " + DataDir.DEFAULT + " from the repository root).")
    Path data;

    @Mixin
    ProgressOption progressOption;

    @Override
    public Integer call() {
        try (TerminalProgress progress = progressOption.open(spec.commandLine().getErr(), "bench")) {
            return Bench.run(new BenchOptions(suites, search.timeLimit, outputDir, search.seedOr(1), data),
                    spec.commandLine().getOut(), spec.commandLine().getErr(), progress::search);
        }
    }
}
