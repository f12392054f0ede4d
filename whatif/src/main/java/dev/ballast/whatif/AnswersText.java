package dev.ballast.whatif;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The answers for a person on a terminal: a verdict table, then each case's evidence, short
 * (a {@code fail: any} over 1,000 hosts lists only the hosts that cannot be absorbed).
 */
public final class AnswersText {

    /** Names listed before the rest are only counted. */
    private static final int SHOWN = 20;

    private AnswersText() {
    }

    public static String render(WhatIfAnswers answers) {
        StringBuilder text = new StringBuilder();
        text.append("What if: ").append(answers.snapshot().hosts().size()).append(" hosts, ")
                .append(answers.snapshot().vms().size()).append(" VMs, policy ").append(answers.policy().name())
                .append("\n\n");
        int width = answers.answers().stream().mapToInt(a -> a.name().length()).max().orElse(4);
        for (Answer answer : answers.answers()) {
            text.append(String.format(Locale.ROOT, "  %-" + width + "s  %-11s  %-6s  %s%n", answer.name(),
                    answer.kind(), answer.verdict().key(), answer.summary()));
        }
        for (Answer answer : answers.answers()) {
            text.append('\n').append(answer.name()).append(" (").append(answer.kind()).append("): ")
                    .append(answer.verdict().key()).append('\n');
            evidence(text, answer);
        }
        return text.toString();
    }

    private static void evidence(StringBuilder text, Answer answer) {
        if (answer instanceof Answer.Fail fail) {
            List<HostLoss> lost = fail.hosts().stream().filter(h -> !h.absorbable()).toList();
            if (lost.isEmpty()) {
                text.append("  every failed host's VMs restart elsewhere\n");
            }
            lost.stream().limit(SHOWN).forEach(h -> text.append("  ").append(h.host()).append(": ")
                    .append(h.stranded().size()).append(" of ").append(h.vms()).append(" VMs stranded, short of ")
                    .append(h.shortOf()).append(": ").append(names(h.stranded())).append('\n'));
            if (lost.size() > SHOWN) {
                text.append("  and ").append(lost.size() - SHOWN).append(" more hosts (see --format json)\n");
            }
            fail.hosts().stream().filter(h -> h.absorbable() && h.othersMoved() > 0).limit(SHOWN)
                    .forEach(h -> text.append("  ").append(h.host()).append(": absorbable once ")
                            .append(h.othersMoved()).append(" other VMs move (")
                            .append(h.decidedBy() == DecidedBy.PLANNER ? "the planner's way" : "moved greedily")
                            .append(")\n"));
            text.append("  decided by: ").append(fail.decidedBy()).append('\n');
            if (!fail.any()) {
                // Hosts failing together share the moves made for them: each is listed once.
                Map<String, String> moves = new LinkedHashMap<>();
                fail.hosts().forEach(h -> moves.putAll(h.moves()));
                moves.forEach((vm, to) -> text.append("  ").append(vm).append(" moves to ").append(to).append(" first\n"));
                fail.hosts().forEach(h -> h.restarts().forEach((vm, to) ->
                        text.append("  ").append(vm).append(" restarts on ").append(to).append('\n')));
            }
        } else if (answer instanceof Answer.Maintenance m) {
            text.append("  ").append(m.together() ? "together: " + String.join(", ", m.hosts())
                    : "in groups, one after another:").append('\n');
            for (int i = 0; i < m.plans().size(); i++) {
                if (!m.together()) {
                    text.append("  group ").append(i + 1).append(": ").append(String.join(", ", m.groups().get(i)))
                            .append('\n');
                }
                figures(text, m.plans().get(i));
            }
            if (!m.cannotGo().isEmpty()) {
                text.append("  cannot be emptied: ").append(String.join(", ", m.cannotGo())).append('\n');
            }
            text.append("  evacuation: about ").append(Seconds.show(m.estimatedSeconds())).append('\n');
            m.reasons().stream().limit(5).forEach(r -> text.append("  ").append(r).append('\n'));
        } else if (answer instanceof Answer.Fit fit) {
            text.append("  ").append(fit.fits() ? "fits" : "does not fit");
            text.append(fit.standbyOn().isEmpty() ? ", no standby host switched on"
                    : ", standby hosts switched on: " + names(fit.standbyOn())).append('\n');
            if (fit.figures() != null) {
                figures(text, fit.figures());
            }
            fit.reasons().stream().limit(5).forEach(r -> text.append("  ").append(r).append('\n'));
        } else if (answer instanceof Answer.FitMore more) {
            text.append("  ").append(more.count()).append(" more fit without moving any VM, on ")
                    .append(more.perHost().size()).append(" hosts");
            text.append(more.withStandby() > more.count() ? "; " + more.withStandby() + " with the standby hosts on"
                    : "").append('\n');
            text.append("  what stops each host: ");
            more.boundBy().forEach((what, hosts) -> text.append(what).append(" ").append(hosts).append(" hosts  "));
            text.append('\n');
        } else if (answer instanceof Answer.Compare compare) {
            text.append(String.format(Locale.ROOT, "  %-14s %8s %10s %10s %10s %12s %10s%n", "policy", "steps",
                    "migrations", "GiB", "time", "hosts after", "hottest CPU"));
            for (Answer.PolicyResult result : compare.policies()) {
                PlanFigures f = result.figures();
                if (f == null) {
                    text.append(String.format(Locale.ROOT, "  %-14s no plan: %s%n", result.policy(),
                            result.reasons().isEmpty() ? "" : result.reasons().get(0)));
                } else {
                    text.append(String.format(Locale.ROOT, "  %-14s %8d %10d %10.1f %10s %12d %10.0f%%%n",
                            result.policy(), f.steps(), f.migrations(), f.gibToMove(), Seconds.show(f.estimatedSeconds()),
                            f.hostsUsedAfter(), f.hottestCpuAfter() * 100));
                }
            }
        }
    }

    private static void figures(StringBuilder text, PlanFigures f) {
        text.append(String.format(Locale.ROOT, "    plan: %d steps, %d migrations, %.1f GiB to move, about %s;"
                + " hosts in use %d -> %d; hottest CPU %.0f%%, memory %.0f%%%n", f.steps(), f.migrations(),
                f.gibToMove(), Seconds.show(f.estimatedSeconds()), f.hostsUsedBefore(), f.hostsUsedAfter(),
                f.hottestCpuAfter() * 100, f.hottestMemoryAfter() * 100));
    }

    private static String names(List<String> names) {
        if (names.size() <= SHOWN) {
            return String.join(", ", names);
        }
        return String.join(", ", names.subList(0, SHOWN)) + " and " + (names.size() - SHOWN) + " more";
    }

    static String counts(Map<String, Integer> counts) {
        StringBuilder text = new StringBuilder();
        counts.forEach((k, v) -> text.append(k).append(' ').append(v).append(' '));
        return text.toString().strip();
    }
}
