package dev.ballast.rules;

import java.util.List;
import java.util.Optional;

/**
 * Every rule about switching hosts off, registered here explicitly, in the order a refusal names
 * the first one broken; see docs/rules.md. What they read is the policy's {@code reserve},
 * {@code maxPowerOffsPerRun} and {@code powerCooldown}, and what the cluster's VMs need.
 */
public final class PowerRules {

    public static final PowerRule POWER_COOLDOWN = new PowerCooldown();
    public static final PowerRule MAX_POWER_OFFS = new MaxPowerOffs();
    public static final PowerRule LAST_STORAGE_HOST = new LastStorageHost();
    public static final PowerRule RESERVE = new ReserveRule();

    public static final List<PowerRule> ALL = List.of(POWER_COOLDOWN, MAX_POWER_OFFS, LAST_STORAGE_HOST, RESERVE);

    private PowerRules() {
    }

    /** Why {@code host} may not be switched off in {@code state} by any power rule, or empty. */
    public static Optional<Violation> whyNotOff(ClusterState state, String host) {
        for (PowerRule rule : ALL) {
            Optional<Violation> refusal = rule.whyNotOff(state, host);
            if (refusal.isPresent()) {
                return refusal;
            }
        }
        return Optional.empty();
    }
}
