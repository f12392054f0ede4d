package dev.ballast.service;

import dev.ballast.formats.InputException;
import dev.ballast.model.Policy;
import dev.ballast.model.ServiceConfig.Job;
import dev.ballast.rules.Policies;
import dev.ballast.scheduler.goals.Goals;

/**
 * The policy a job or a stored plan names: a built-in policy, a policy file, or a wake plan
 * ({@code wake}, {@code wake-all}), whose plans are made, checked and run under the limits of the
 * policy the job names in {@code limitsOf} (the one its overload watch relieves with, say), or
 * of the built-in {@code relieve} policy, renamed.
 */
public final class JobPolicies {

    /** The policy whose limits a wake job keeps when it names none: the one that acts when hosts run hot. */
    static final String WAKE_LIMITS = "relieve";

    private JobPolicies() {
    }

    public static Policy resolve(Job job) throws InputException {
        if (Job.wakes(job.policy())) {
            return Policies.resolve(limitsOf(job), Goals.registry()).withName(job.policy());
        }
        return Policies.resolve(job.policy(), Goals.registry());
    }

    /**
     * The policy whose limits a wake job's plans keep: the one it names in {@code limitsOf}, else
     * {@value #WAKE_LIMITS}; null for a job that wakes nothing.
     */
    public static String limitsOf(Job job) {
        if (!Job.wakes(job.policy())) {
            return null;
        }
        return job.limitsOf() == null ? WAKE_LIMITS : job.limitsOf();
    }
}
