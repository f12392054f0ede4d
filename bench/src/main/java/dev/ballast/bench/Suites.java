package dev.ballast.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The registry of suites, listed explicitly, and the choice of cases from {@code --suite}: each
 * entry a suite name ({@code generated}) or a suite and a case pattern where {@code *} matches
 * anything ({@code generated/100-hosts-*}, {@code cloudbalancing/100computers-300processes}).
 * Every suite plans clusters except {@code validate}, which reads a large snapshot file.
 */
public final class Suites {

    /** Every suite, in the order they run by default. */
    public static final List<String> NAMES = List.of(CloudBalancingSuite.NAME, GeneratedSuites.GENERATED,
            GeneratedSuites.IDENTICAL, GeneratedSuites.BALANCE, GeneratedSuites.SCALE, OverloadSuite.NAME,
            WhatIfSuite.NAME, ValidateSuite.NAME);

    /** The cases chosen: clusters to plan, and snapshot files to validate. */
    public record Selection(List<BenchCase> plans, List<ValidateCase> validations) {

        /** Every case's {@code suite/name}, plans first. */
        public List<String> ids() {
            List<String> ids = new ArrayList<>(plans.stream().map(BenchCase::id).toList());
            validations.forEach(v -> ids.add(v.id()));
            return ids;
        }
    }

    private Suites() {
    }

    /**
     * The planning cases the selectors name, each once, in the order named; {@link #choose}
     * also gives the {@code validate} suite's.
     *
     * @param dataDir the {@code --data} option or null; resolved only if cloudbalancing is chosen
     * @throws BenchInputException for an unknown suite, a pattern matching no case, or missing data
     */
    public static List<BenchCase> select(List<String> selectors, long seed, Path dataDir)
            throws BenchInputException {
        return choose(selectors, seed, dataDir).plans();
    }

    /**
     * The cases the selectors name, each once, in the order named.
     *
     * @param dataDir the {@code --data} option or null; resolved only if cloudbalancing is chosen
     * @throws BenchInputException for an unknown suite, a pattern matching no case, or missing data
     */
    public static Selection choose(List<String> selectors, long seed, Path dataDir) throws BenchInputException {
        Map<String, BenchCase> plans = new LinkedHashMap<>();
        Map<String, ValidateCase> validations = new LinkedHashMap<>();
        for (String selector : selectors.isEmpty() ? NAMES : selectors) {
            String suite = selector.contains("/") ? selector.substring(0, selector.indexOf('/')) : selector;
            String pattern = selector.contains("/") ? selector.substring(selector.indexOf('/') + 1) : "*";
            if (suite.equals(ValidateSuite.NAME)) {
                matching(ValidateSuite.cases(seed), ValidateCase::name, selector, suite, pattern)
                        .forEach(c -> validations.putIfAbsent(c.id(), c));
            } else {
                matching(cases(suite, seed, dataDir), BenchCase::name, selector, suite, pattern)
                        .forEach(c -> plans.putIfAbsent(c.id(), c));
            }
        }
        return new Selection(new ArrayList<>(plans.values()), new ArrayList<>(validations.values()));
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

    private static <C> List<C> matching(List<C> cases, Function<C, String> name, String selector, String suite,
            String pattern) throws BenchInputException {
        Pattern regex = Pattern.compile(Pattern.quote(pattern).replace("*", "\\E.*\\Q"));
        List<C> matching = cases.stream().filter(c -> regex.matcher(name.apply(c)).matches()).toList();
        if (matching.isEmpty()) {
            throw new BenchInputException("--suite " + selector + ": matches no case of " + suite + " (cases: "
                    + String.join(", ", cases.stream().map(name).toList()) + ")");
        }
        return matching;
    }
}
