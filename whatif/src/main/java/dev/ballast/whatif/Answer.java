package dev.ballast.whatif;

import dev.ballast.model.MigrationPlan;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The answer to one case of a scenario: its verdict and the evidence for it. */
public sealed interface Answer {

    String name();

    Verdict verdict();

    /** What the case asked, as the scenario names it: {@code fail}, {@code maintenance}, ... */
    String kind();

    /** The verdict's reason in one line, for tables. */
    String summary();

    /**
     * Hosts fail, each alone ({@code any}) or together.
     *
     * @param hosts one entry per failed host
     */
    record Fail(String name, Verdict verdict, boolean any, List<HostLoss> hosts) implements Answer {
        public Fail {
            hosts = List.copyOf(hosts);
        }

        @Override
        public String kind() {
            return "fail";
        }

        /**
         * How many verdicts each check decided, as {@code greedy 680, proof 2, planner 10}: in
         * the order of {@link DecidedBy}, those that decided none left out.
         */
        public String decidedBy() {
            StringBuilder text = new StringBuilder();
            for (DecidedBy how : DecidedBy.values()) {
                long count = hosts.stream().filter(h -> h.decidedBy() == how).count();
                if (count > 0) {
                    text.append(text.length() == 0 ? "" : ", ").append(how.key()).append(' ').append(count);
                }
            }
            return text.toString();
        }

        @Override
        public String summary() {
            long lost = hosts.stream().filter(h -> !h.absorbable()).count();
            String how = any ? hosts.size() + " hosts, each failing alone" : hosts.size() + " hosts failing together";
            return lost == 0 ? "every host's VMs restart elsewhere (" + how + ")"
                    : lost + " of " + how + " cannot be absorbed";
        }
    }

    /**
     * Hosts go into maintenance.
     *
     * @param together  true when all can be emptied at once
     * @param groups    the hosts in groups that can go together, one after another; one group when together
     * @param cannotGo  hosts that cannot be emptied even alone
     * @param plans     the evacuation plan of each group, in the order of {@code groups}
     * @param estimatedSeconds the plans' estimated durations added up
     */
    record Maintenance(String name, Verdict verdict, List<String> hosts, boolean together, List<List<String>> groups,
            List<String> cannotGo, List<PlanFigures> plans, double estimatedSeconds, MigrationPlan plan,
            List<String> reasons) implements Answer {
        public Maintenance {
            hosts = List.copyOf(hosts);
            groups = groups.stream().map(List::copyOf).toList();
            cannotGo = List.copyOf(cannotGo);
            plans = List.copyOf(plans);
            reasons = List.copyOf(reasons);
        }

        @Override
        public String kind() {
            return "maintenance";
        }

        @Override
        public String summary() {
            if (together) {
                return "all " + hosts.size() + " can go together; evacuation about " + Seconds.show(estimatedSeconds);
            }
            if (groups.isEmpty()) {
                return "none can be emptied: " + String.join(", ", cannotGo);
            }
            return "not together: " + groups.size() + " group(s) one after another"
                    + (cannotGo.isEmpty() ? "" : ", " + cannotGo.size() + " cannot be emptied")
                    + "; about " + Seconds.show(estimatedSeconds);
        }
    }

    /**
     * More demand ({@code grow}) or new VMs ({@code add}): do they fit, and with how many standby hosts on?
     *
     * @param standbyOn standby hosts switched on for the fit
     * @param plan      the plan that makes room; null when none could be made
     * @param reasons   why it does not fit; empty when it does
     * @param changed   the cluster the plan was made for: demand grown, or the new VMs added
     */
    record Fit(String name, Verdict verdict, String kind, boolean fits, List<String> standbyOn, PlanFigures figures,
            MigrationPlan plan, List<String> reasons, dev.ballast.model.ClusterSnapshot changed) implements Answer {
        public Fit {
            standbyOn = List.copyOf(standbyOn);
            reasons = List.copyOf(reasons);
        }

        @Override
        public String summary() {
            if (!fits) {
                return "does not fit" + (standbyOn.isEmpty() ? "" : ", even with " + standbyOn.size()
                        + " standby host(s) on") + (reasons.isEmpty() ? "" : ": " + reasons.get(0));
            }
            return "fits" + (standbyOn.isEmpty() ? " on the hosts running now" : " with " + standbyOn.size()
                    + " standby host(s) switched on") + (figures == null ? "" : "; " + figures.migrations()
                    + " migration(s)");
        }
    }

    /**
     * How many more VMs of one shape fit, without moving any VM.
     *
     * @param count       on the active hosts
     * @param withStandby on the active hosts and every standby host switched on
     * @param perHost     each active host's count, in the snapshot's order, hosts that take none left out
     * @param boundBy     how many hosts each resource (or rule) stops first, sorted by its name
     */
    record FitMore(String name, Verdict verdict, int count, int withStandby, Map<String, Integer> perHost,
            Map<String, Integer> boundBy) implements Answer {
        public FitMore {
            // Ordered copies: Map.copyOf iterates in an order that changes from one JVM to the next.
            perHost = Collections.unmodifiableMap(new LinkedHashMap<>(perHost));
            boundBy = Collections.unmodifiableMap(new TreeMap<>(boundBy));
        }

        @Override
        public String kind() {
            return "fitMore";
        }

        @Override
        public String summary() {
            return count + " more fit on the active hosts" + (withStandby > count
                    ? ", " + withStandby + " with the standby hosts on" : "");
        }
    }

    /** Each policy's plan, side by side. */
    record Compare(String name, Verdict verdict, List<PolicyResult> policies) implements Answer {
        public Compare {
            policies = List.copyOf(policies);
        }

        @Override
        public String kind() {
            return "policies";
        }

        @Override
        public String summary() {
            long made = policies.stream().filter(p -> p.figures() != null).count();
            return made + " of " + policies.size() + " policies made a plan";
        }
    }

    /** One policy's plan in a comparison: its figures, or why it made none. */
    record PolicyResult(String policy, PlanFigures figures, MigrationPlan plan, List<String> reasons) {
        public PolicyResult {
            reasons = List.copyOf(reasons);
        }
    }
}
