/**
 * What a plan's reports show, apart from how they show it: {@link dev.ballast.reports.PlanView}
 * works out a plan's figures once (hosts before and after, summary, steps with estimates, the
 * running totals), and each rendering reads that view. {@link dev.ballast.reports.PlanTextRenderer}
 * is the text for a terminal; HTML and the API will be more renderings of the same view.
 *
 * <p>Knows only the model: a plan, the snapshot it was made for and its policy.
 */
package dev.ballast.reports;
