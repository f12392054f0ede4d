/**
 * The hard rules, each defined once: a {@link dev.ballast.rules.HardRule} knows its id, its
 * solver constraint, its check of a whole placement and of one step, and whether it must hold at
 * every moment of a plan. {@link dev.ballast.rules.HardRules#ALL} registers them; the solver, the
 * placement check ({@link dev.ballast.rules.HardRules#check}), {@link dev.ballast.rules.ClusterState}
 * (greedy packing, the sequencer) and {@link dev.ballast.rules.PlanCheck} ({@code check-plan}, the
 * planner's self-check, the executor's pre-flight) all go through them. Also the built-in
 * policies and their lookup ({@link dev.ballast.rules.Policies}).
 *
 * <p>Knows the model, the file formats and OptaPlanner's API; the planning solution and the search
 * stay in the scheduler. See docs/rules.md.
 */
package dev.ballast.rules;
