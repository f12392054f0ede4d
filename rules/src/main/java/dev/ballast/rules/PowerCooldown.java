package dev.ballast.rules;

import dev.ballast.model.Host;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A host switched on less than the policy's {@code powerCooldown} ago stays on, so that a host
 * woken for load that came back is not switched off by the next consolidation while that load
 * wobbles. When it was switched on is the snapshot's {@code poweredOnAt} of the host (the service
 * fills it in from the power-on steps it ran); a host without one is not cooling down.
 */
final class PowerCooldown implements PowerRule {

    @Override
    public String id() {
        return "power-cooldown";
    }

    @Override
    public Optional<Violation> whyNotOff(ClusterState state, String hostName) {
        Duration cooldown = state.policy().power().powerCooldown();
        Host host = state.host(hostName);
        if (cooldown.isZero() || host.poweredOnAt() == null) {
            return Optional.empty();
        }
        Instant until = host.poweredOnAt().plus(cooldown);
        if (!state.now().isBefore(until)) {
            return Optional.empty();
        }
        return Optional.of(new Violation(id(), hostName, hostName + " was switched on at " + host.poweredOnAt()
                + ", within the policy's powerCooldown of " + cooldown + ": it stays on until " + until));
    }
}
