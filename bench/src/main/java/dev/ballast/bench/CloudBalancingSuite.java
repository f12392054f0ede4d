package dev.ballast.bench;

import dev.ballast.model.Limits;
import dev.ballast.model.Policy;
import dev.ballast.scheduler.goals.consolidate.ConsolidateSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The {@code cloudbalancing} suite: every unsolved {@code Ncomputers-Mprocesses.json} data set of
 * a directory, smallest first, consolidated at plain capacity (limits 1.0, the data sets' hard
 * rule) and judged against the best known soft scores of the data sets' README.
 */
public final class CloudBalancingSuite {

    public static final String NAME = "cloudbalancing";
    public static final Duration TIME_LIMIT = Duration.ofSeconds(60);

    /** The best known total cost by number of computers, from the data sets' README. */
    static final Map<Integer, Double> BEST_KNOWN = Map.of(
            2, 5_460.0, 3, 5_460.0, 4, 7_410.0, 100, 112_400.0, 200, 196_350.0,
            400, 441_870.0, 800, 915_260.0, 1600, 2_263_570.0);

    private static final Pattern DATA_SET = Pattern.compile("(\\d+)computers-(\\d+)processes\\.json");

    private CloudBalancingSuite() {
    }

    /** The policy of every case: consolidate at full capacity, every weight 1. */
    public static Policy policy() {
        return new Policy("cloudbalancing", Limits.FULL, null, ConsolidateSettings.DEFAULTS);
    }

    /** @throws BenchInputException when the directory holds no data set */
    public static List<BenchCase> cases(Path dataDir) throws BenchInputException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(dataDir)) {
            files = listing.filter(f -> DATA_SET.matcher(f.getFileName().toString()).matches())
                    .sorted(Comparator.comparingInt(CloudBalancingSuite::computers)).toList();
        } catch (IOException e) {
            throw new BenchInputException("--data " + dataDir + ": cannot be listed: " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new BenchInputException("--data " + dataDir
                    + ": holds no Ncomputers-Mprocesses.json data set; point it at the cloudbalancing directory");
        }
        return files.stream().map(CloudBalancingSuite::caseOf).toList();
    }

    private static BenchCase caseOf(Path file) {
        String name = file.getFileName().toString().replaceFirst("\\.json$", "");
        return new BenchCase(NAME, name, () -> CloudBalancingImporter.read(file), policy(), TIME_LIMIT,
                BEST_KNOWN.get(computers(file)));
    }

    private static int computers(Path file) {
        Matcher m = DATA_SET.matcher(file.getFileName().toString());
        return m.matches() ? Integer.parseInt(m.group(1)) : Integer.MAX_VALUE;
    }
}
