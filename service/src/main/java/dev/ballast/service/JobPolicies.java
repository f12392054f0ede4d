package dev.ballast.service;

import dev.ballast.formats.InputException;
import dev.ballast.model.Policy;
import dev.ballast.rules.Policies;
import dev.ballast.scheduler.goals.Goals;
import dev.ballast.service.power.WakePlans;

/**
 * The policy a job or a stored plan names: a built-in policy, a policy file, or a wake plan
 * ({@code wake}, {@code wake-all}), whose plans are checked and run under the built-in
 * {@code relieve} policy's limits, renamed.
 */
public final class JobPolicies {

    private JobPolicies() {
    }

    public static Policy resolve(String name) throws InputException {
        if (WakePlans.names(name)) {
            return Policies.resolve("relieve", Goals.registry()).withName(name);
        }
        return Policies.resolve(name, Goals.registry());
    }
}
