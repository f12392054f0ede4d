package dev.ballast.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The registry of suites, listed explicitly, and the choice of cases from {@code --suite}: each
 * entry a suite name ({@code generated}) or a suite and a case pattern where {@code *} matches
 * anything ({@code generated/100-hosts-*}, {@code cloudbalancing/100computers-300processes}).
 */
public final class Suites {

    /** Every suite, in the order they run by default. */
    public static final List<String> NAMES = List.of(CloudBalancingSuite.NAME, GeneratedSuites.GENERATED,
            GeneratedSuites.IDENTICAL, GeneratedSuites.BALANCE, GeneratedSuites.SCALE, OverloadSuite.NAME, WhatIfSuite.NAME);

    private Suites() {
    }

    /**
     * The cases the selectors name, each once, in the order named.
     *
     * @param dataDir the {@code --data} option or null; resolved only if cloudbalancing is chosen
     * @throws BenchInputException for an unknown suite, a pattern matching no case, or missing data
     */
    public static List<BenchCase> select(List<String> selectors, long seed, Path dataDir)
            throws BenchInputException {
        Map<String, BenchCase> chosen = new LinkedHashMap<>();
        for (String selector : selectors.isEmpty() ? NAMES : selectors) {
            String suite = selector.contains("/") ? selector.substring(0, selector.indexOf('/')) : selector;
            String pattern = selector.contains("/") ? selector.substring(selector.indexOf('/') + 1) : "*";
            List<BenchCase> matching = matching(cases(suite, seed, dataDir), pattern);
            if (matching.isEmpty()) {
                throw new BenchInputException("--suite " + selector + ": matches no case of " + suite + " (cases: "
                        + String.join(", ", cases(suite, seed, dataDir).stream().map(BenchCase::name).toList()) + ")");
            }
            matching.forEach(c -> chosen.putIfAbsent(c.id(), c));
        }
        return new ArrayList<>(chosen.values());
    }

    /** The cases of one suite. */
    static List<BenchCase> cases(String suite, long seed, Path dataDir) throws BenchInputException {
        return switch (suite) {
            case CloudBalancingSuite.NAME -> CloudBalancingSuite.cases(DataDir.resolve(dataDir));
            case GeneratedSuites.GENERATED -> GeneratedSuites.generated(seed);
            case GeneratedSuites.IDENTICAL -> GeneratedSuites.identical(seed);
            case GeneratedSuites.BALANCE -> GeneratedSuites.balance(seed);
            case GeneratedSuites.SCALE -> GeneratedSuites.scale(seed);
            case OverloadSuite.NAME -> OverloadSuite.cases(seed);
            case WhatIfSuite.NAME -> WhatIfSuite.cases(seed);
            default -> throw new BenchInputException("--suite " + suite + ": no such suite (suites: "
                    + String.join(", ", NAMES) + ")");
        };
    }

    private static List<BenchCase> matching(List<BenchCase> cases, String pattern) {
        Pattern regex = Pattern.compile(Pattern.quote(pattern).replace("*", "\\E.*\\Q"));
        return cases.stream().filter(c -> regex.matcher(c.name()).matches()).toList();
    }
}
