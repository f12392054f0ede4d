package dev.ballast.bench;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The figures of one case of the {@code validate} suite, a row of its table in
 * {@code results.md} and an element of {@code validation} in {@code results.json}. Each time is
 * the median of {@link ValidateRunner#ROUNDS} rounds, each heap the highest of them.
 *
 * @param fileBytes            the size of the snapshot file
 * @param readSeconds          decoding every token of the file ({@link FileDecoding}), wall clock
 * @param readCpuSeconds       the same, CPU time of the whole process (GC and compiler threads too)
 * @param readPeakHeapMiB      the most heap in use while reading ({@link HeapPeak})
 * @param validateSeconds      what {@code ballast validate FILE} does: read the file, its kind, and the snapshot
 * @param loadSeconds          what {@code ballast plan --snapshot FILE} does before planning: read the snapshot
 * @param valid                the file validated, with every host and VM
 * @param error                why not, or null; the figures of what did not run are null
 */
public record ValidateResult(
        String suite,
        String caseName,
        int hosts,
        long vms,
        long fileBytes,
        int rounds,
        boolean valid,
        String error,
        Double readSeconds,
        Double readCpuSeconds,
        Double readPeakHeapMiB,
        Double validateSeconds,
        Double validateCpuSeconds,
        Double validatePeakHeapMiB,
        Double loadSeconds,
        Double loadCpuSeconds,
        Double loadPeakHeapMiB) {

    /** Validating over reading, wall clock: the target is below {@link ValidateSuite#TARGET_RATIO}. */
    @JsonProperty("validateToRead")
    public Double validateToRead() {
        return ratio(validateSeconds, readSeconds);
    }

    /** Loading for {@code plan} over reading, wall clock. */
    @JsonProperty("loadToRead")
    public Double loadToRead() {
        return ratio(loadSeconds, readSeconds);
    }

    /** The file validated, in less than twice the time of reading it. */
    @JsonProperty("targetMet")
    public boolean targetMet() {
        return valid && validateToRead() != null && validateToRead() < ValidateSuite.TARGET_RATIO;
    }

    private static Double ratio(Double value, Double reference) {
        return value == null || reference == null || reference == 0 ? null : value / reference;
    }
}
