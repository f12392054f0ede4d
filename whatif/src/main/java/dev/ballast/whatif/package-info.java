/**
 * {@code ballast what-if}: answers the questions of a {@code kind: WhatIf} scenario about one
 * snapshot, each with a verdict and its evidence. {@link WhatIfRunner} runs the cases;
 * {@link Absorption} decides fast whether a failed host's VMs can restart elsewhere (a greedy
 * placement first, the planner only where it fails); {@link FitMore} counts exactly how many more
 * VMs of one shape fit. The answers are written by {@link AnswersJson}, {@link AnswersText} and
 * {@code html/}. See docs/what-if.md.
 */
package dev.ballast.whatif;
