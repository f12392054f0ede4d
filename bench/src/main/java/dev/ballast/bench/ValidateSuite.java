package dev.ballast.bench;

import java.util.List;

/**
 * The {@code validate} suite, issue 11's target: validating the snapshot of 5,000 hosts and 2.3
 * million VMs takes less than twice as long as reading it, and {@code plan} loads it as fast.
 * The file is the simulator's mixed cluster of 5,000 hosts and 50,000 VMs with each VM written
 * 46 times, about 200 MB of compact JSON.
 */
final class ValidateSuite {

    static final String NAME = "validate";

    /** Validating takes less than this many times as long as reading the file. */
    static final double TARGET_RATIO = 2.0;

    private ValidateSuite() {
    }

    static List<ValidateCase> cases(long seed) {
        return List.of(new ValidateCase(NAME, "5000-hosts-2300000-vms", 5_000, 50_000, 46, seed));
    }
}
