package dev.ballast.rules;

import dev.ballast.model.Host;
import dev.ballast.model.Policy;
import dev.ballast.model.Resource;
import dev.ballast.model.Resources;

import java.util.Locale;
import java.util.Optional;

/** The capacity rule: no host's load beyond its capacity times the policy's limits. */
final class Limits {

    private Limits() {
    }

    /** The first resource of {@code load} over the host's limit, said with figures. */
    static Optional<Violation> overLimit(Host host, Resources load, Policy policy) {
        Resources limit = host.capacity().scaledBy(policy.limits());
        for (Resource resource : Resource.values()) {
            if (load.get(resource) > limit.get(resource) + 1e-9) {
                return Optional.of(new Violation(resource.key(), host.name(), String.format(Locale.ROOT,
                        "%s would use %s %s, over its limit of %s (%.0f%% of %s)", host.name(),
                        figure(load.get(resource)), resource.unit(), figure(limit.get(resource)),
                        policy.limits().get(resource) * 100, figure(host.capacity().get(resource)))));
            }
        }
        return Optional.empty();
    }

    static String figure(double value) {
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.2f", value);
    }
}
