/**
 * The solver's planning facts and entity, as the hard rules' constraints read them: hosts with
 * limits in whole millicores, MiB and kb/s, VMs whose host the solver chooses, groups and the
 * migration cap. The goals' prices ride on {@link dev.ballast.rules.solver.PlanningHost}; the
 * planning solution ({@code ClusterPlacement}) and its cloner are the scheduler's.
 */
package dev.ballast.rules.solver;
