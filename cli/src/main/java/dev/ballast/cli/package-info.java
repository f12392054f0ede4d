/**
 * The {@code ballast} command: {@code plan}, {@code check-plan}, {@code validate} and
 * {@code demo}. Wires the file formats, the policies, the simulator and the planner together;
 * holds no planning logic.
 *
 * <p>Exit codes: 0 done, 1 the job failed (no feasible placement, a plan that breaks a rule),
 * 2 bad input (a file, an option or an argument).
 */
package dev.ballast.cli;
