/**
 * The versioned {@code ballast/v1} files: snapshots and policies read from JSON or YAML, plans
 * written as JSON, and everything written read back.
 *
 * <p>Readers validate as they go and report every problem of a file at once, each with its path
 * ({@code vms[3].demand.cpu}), in one {@link dev.ballast.formats.InputException}. They check that
 * a file makes sense on its own; whether a plan is feasible under a policy is for the hard rules
 * and the solver.
 */
package dev.ballast.formats;
