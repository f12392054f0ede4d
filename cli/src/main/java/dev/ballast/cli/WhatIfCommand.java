package dev.ballast.cli;

import dev.ballast.formats.InputException;
import dev.ballast.formats.WhatIfReader;
import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Policy;
import dev.ballast.model.WhatIf;
import dev.ballast.model.WhatIfCase;
import dev.ballast.rules.Policies;
import dev.ballast.scheduler.SolverSettings;
import dev.ballast.scheduler.goals.Goals;
import dev.ballast.whatif.AnswersJson;
import dev.ballast.whatif.AnswersText;
import dev.ballast.whatif.ScenarioCheck;
import dev.ballast.whatif.WhatIfAnswers;
import dev.ballast.whatif.WhatIfRunner;
import dev.ballast.whatif.html.WhatIfHtmlRenderer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ballast what-if}: answers the cases of a {@code kind: WhatIf} scenario about a snapshot,
 * each with a verdict and its evidence. Everything is read and checked before anything runs, so
 * a bad scenario costs no planning and writes nothing.
 */
@Command(name = "what-if",
        mixinStandardHelpOptions = true,
        description = "Answers what-if questions about a cluster snapshot: host failures, maintenance, growth,"
                + " new VMs, how many more fit, and what each policy would do.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every case answered (its verdict ok or not-ok is in the report)",
            "2:bad input: a file, an option or an argument"})
final class WhatIfCommand extends Subcommand {

    /** How the answers are shown: on stdout, or for html in --output when given. */
    enum Format { TEXT, JSON, HTML }

    /** The time each plan a case makes may take, all its searches together, unless --time-limit says otherwise. */
    static final Duration DEFAULT_TIME_LIMIT = Duration.ofSeconds(10);

    @Mixin
    SnapshotOption snapshotOption;

    @Option(names = "--scenario", required = true, paramLabel = "FILE",
            description = "The questions: a ballast/v1 WhatIf file, YAML or JSON.")
    Path scenarioFile;

    @Mixin
    SearchOptions search;

    @Mixin
    ProgressOption progressOption;

    @Option(names = "--output", paramLabel = "FILE",
            description = "Write the answers to this file (as --format says) instead of stdout.")
    Path output;

    @Option(names = "--format", paramLabel = "text|json|html", defaultValue = "text",
            description = "text for a person (default), json for a program, html for a report with charts as one"
                    + " self-contained page.")
    Format format;

    @Override
    int run(PrintWriter out, PrintWriter err) {
        List<String> problems = new ArrayList<>();
        ClusterSnapshot snapshot = snapshotOption.read(problems);
        WhatIf scenario = Inputs.read(() -> WhatIfReader.read(scenarioFile), problems);
        PlanFiles.checkWritable(output, "--output").ifPresent(problems::add);
        Policy policy = null;
        Map<String, Policy> policies = new LinkedHashMap<>();
        if (scenario != null) {
            policy = policy(scenario.policy(), "policy", problems);
            compared(scenario, policies, problems);
            if (snapshot != null) {
                problems.addAll(ScenarioCheck.problems(scenario, scenarioFile.toString(), snapshot,
                        snapshotOption.file.toString()));
            }
        }
        if (!problems.isEmpty()) {
            problems.forEach(err::println);
            return ExitCodes.BAD_INPUT;
        }
        WhatIfAnswers answers;
        try (TerminalProgress progress = progressOption.open(err, "what-if")) {
            answers = new WhatIfRunner(settings(), Clock.systemUTC(), progress).run(snapshot, scenario, policy, policies);
        }
        String shown = switch (format) {
            case JSON -> AnswersJson.write(answers);
            case HTML -> WhatIfHtmlRenderer.render(answers);
            case TEXT -> AnswersText.render(answers);
        };
        if (output == null) {
            out.print(shown);
            return ExitCodes.OK;
        }
        try {
            PlanFiles.write(output, shown);
        } catch (IOException e) {
            err.println("--output " + output + ": cannot write the answers: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        out.println(output + ": " + format.name().toLowerCase(java.util.Locale.ROOT) + " answers to "
                + Text.count(answers.answers().size(), "case") + ", "
                + answers.answers().stream().filter(a -> a.verdict() == dev.ballast.whatif.Verdict.OK).count()
                + " ok, " + Math.round(shown.getBytes(StandardCharsets.UTF_8).length / 1024.0) + " KiB");
        return ExitCodes.OK;
    }

    private void compared(WhatIf scenario, Map<String, Policy> policies, List<String> problems) {
        for (int i = 0; i < scenario.cases().size(); i++) {
            if (scenario.cases().get(i) instanceof WhatIfCase.Compare compare) {
                for (int j = 0; j < compare.policies().size(); j++) {
                    String name = compare.policies().get(j);
                    Policy policy = policy(name, "cases[" + i + "].policies[" + j + "]", problems);
                    if (policy != null) {
                        policies.putIfAbsent(name, policy);
                    }
                }
            }
        }
    }

    /**
     * A policy the scenario names: built in, or a file, relative to the scenario's directory;
     * null with the problem added, naming the scenario and its field.
     */
    private Policy policy(String nameOrPath, String field, List<String> problems) {
        String resolved = nameOrPath;
        if (!Policies.builtInNames().contains(nameOrPath)) {
            Path beside = scenarioFile.toAbsolutePath().getParent().resolve(nameOrPath);
            resolved = Files.exists(beside) ? beside.toString() : nameOrPath;
        }
        try {
            return Policies.resolve(resolved, Goals.registry());
        } catch (InputException e) {
            problems.add(scenarioFile + ": " + field + ": " + e.getMessage());
            return null;
        }
    }

    private SolverSettings settings() {
        SolverSettings settings = SolverSettings.DEFAULT.withTimeLimit(search.timeLimitOr(DEFAULT_TIME_LIMIT));
        return search.seed == null ? settings : settings.withSeed(search.seed);
    }
}
