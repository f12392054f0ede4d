package dev.ballast.model;

/**
 * What one live migration is expected to take.
 *
 * @param seconds    from start to the VM running on the destination
 * @param downtimeMs how long the guest is paused for the final copy
 * @param rounds     pre-copy rounds, the first full copy included
 * @param converges  false when the guest dirties memory about as fast as the link copies it:
 *                   plain pre-copy never finishes, and the migration needs auto-converge
 *                   (throttling the guest) or a switch to post-copy
 */
public record MigrationEstimate(double seconds, double downtimeMs, int rounds, boolean converges) {
}
