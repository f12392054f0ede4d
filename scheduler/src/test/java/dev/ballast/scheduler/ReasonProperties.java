package dev.ballast.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Host;
import dev.ballast.model.HostState;
import dev.ballast.model.Limits;
import dev.ballast.model.Migration;
import dev.ballast.model.MigrationPlan;
import dev.ballast.model.Placement;
import dev.ballast.model.Policy;
import dev.ballast.model.PowerOff;
import dev.ballast.model.Reason;
import dev.ballast.model.Resources;
import dev.ballast.model.StartVm;
import dev.ballast.model.Step;
import dev.ballast.model.Term;
import dev.ballast.model.Utilisation;
import dev.ballast.model.VmStep;
import dev.ballast.scheduler.goals.Goals;
import dev.ballast.scheduler.goals.Objective;
import dev.ballast.simulator.ClusterGenerator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every step of every plan carries a reason, and the reason tells the truth: each term names a
 * host the step touches or points to, says what a replay of the plan finds there (a host over its
 * limit, in maintenance, emptied, switched off later), and every figure the words quote is the
 * replay's, worked out here again from the snapshot and the steps alone.
 */
class ReasonProperties {

    private final Planner planner = new Planner(new SolverSettings(Duration.ofMillis(300), Duration.ofMillis(150), 1L));

    @Provide
    Arbitrary<String> goals() {
        return Arbitraries.of(Goals.registry().goals());
    }

    @Property(tries = 8)
    void everyReasonNamesWhatItClaimsAndQuotesTheReplaysFigures(@ForAll @IntRange(min = 3, max = 16) int hosts,
            @ForAll @IntRange(min = 2, max = 8) int vmsPerHost, @ForAll boolean oneHostInMaintenance,
            @ForAll("goals") String goal, @ForAll long seed) throws Exception {
        ClusterSnapshot snapshot;
        try {
            snapshot = ClusterGenerator.generate(
                    new ClusterGenerator.Options(hosts, hosts * vmsPerHost, 0.5, 0.9, 0, seed));
        } catch (IllegalArgumentException tooFullToGenerate) {
            return;
        }
        if (oneHostInMaintenance) {
            snapshot = snapshot.withHostState(snapshot.hosts().get(0).name(), HostState.MAINTENANCE);
        }
        Policy policy = new Policy(goal, new Limits(0.85, 0.95, 0.8), null, Goals.registry().named(goal).defaults());
        Assume.that(FirstFitDecreasing.place(snapshot, policy).isPresent());

        MigrationPlan plan = planner.plan(snapshot, policy);

        new Replay(snapshot, policy, Goals.registry().of(policy).on(snapshot, policy), plan).check();
    }

    /** The plan replayed step by step with nothing of the planner's but the steps. */
    private static final class Replay {

        private final ClusterSnapshot snapshot;
        private final Policy policy;
        private final Objective objective;
        private final List<Step> steps;
        private final Map<String, String> where;
        private final Map<String, String> end;

        Replay(ClusterSnapshot snapshot, Policy policy, Objective objective, MigrationPlan plan) {
            this.snapshot = snapshot;
            this.policy = policy;
            this.objective = objective;
            this.steps = plan.steps();
            this.where = new HashMap<>(snapshot.currentPlacement().hostOfVm());
            this.end = plan.placement().hostOfVm();
        }

        void check() {
            for (int i = 0; i < steps.size(); i++) {
                Step step = steps.get(i);
                Reason reason = step.reason();
                assertThat(reason).as("the reason of step %d (%s)", i + 1, step.describe()).isNotNull();
                assertThat(reason.terms()).as("the terms of step %d", i + 1).isNotEmpty();
                Placement before = new Placement(where);
                if (step instanceof VmStep move) {
                    where.put(move.vm(), move.to());
                }
                Placement after = new Placement(where);
                for (Term term : reason.terms()) {
                    String about = "step " + (i + 1) + " (" + step.describe() + "): " + reason.text() + ", term " + term;
                    if (term.host() != null) {
                        assertThat(reason.text()).as(about).contains(term.host());
                    }
                    checkTerm(i, step, term, before, after, reason.text(), about);
                }
            }
        }

        private void checkTerm(int i, Step step, Term term, Placement before, Placement after, String text,
                String about) {
            switch (term.kind()) {
                case EVACUATES -> {
                    assertThat(((VmStep) step).from()).as(about).isEqualTo(term.host());
                    assertThat(host(term.host()).state()).as(about).isNotEqualTo(HostState.ACTIVE).isEqualTo(term.state());
                    assertThat(text).as(about).contains(term.state().key());
                    assertThat(term.vms()).as(about).isEqualTo(vmsOn(after, term.host()));
                }
                case RELIEVES -> {
                    assertThat(((VmStep) step).from()).as(about).isEqualTo(term.host());
                    double limit = policy.limits().get(term.resource());
                    double was = share(before, term.host(), term.resource());
                    assertThat(was).as(about).isGreaterThan(limit);
                    assertShare(term.before(), was, text, about);
                    assertShare(term.after(), share(after, term.host(), term.resource()), text, about);
                    assertShare(term.limit(), limit, text, about);
                    assertThat(text).as(about).contains(term.resource().key());
                }
                case EMPTIES -> {
                    assertThat(((VmStep) step).from()).as(about).isEqualTo(term.host());
                    assertThat(vmsOn(after, term.host())).as(about).isZero();
                    if (term.step() != null) {
                        assertThat(term.step()).as(about).isGreaterThan(i + 1);
                        assertThat(steps.get(term.step() - 1).withReason(null)).as(about)
                                .isEqualTo(new PowerOff(term.host()));
                        assertThat(text).as(about).contains("step " + term.step());
                        assertWatts(term, text, about);
                    } else {
                        assertThat(term.watts()).as(about).isNull();
                    }
                }
                case DRAINS -> {
                    assertThat(((VmStep) step).from()).as(about).isEqualTo(term.host());
                    assertThat(term.vms()).as(about).isEqualTo(vmsOn(after, term.host())).isPositive();
                    assertThat(end.containsValue(term.host())).as(about).isFalse();
                    assertThat(text).as(about).contains(String.valueOf(term.vms()));
                }
                case DETOUR, FREES_ROOM -> {
                    assertThat(((VmStep) step).from()).as(about).isEqualTo(term.host());
                    assertThat(step instanceof Migration m && m.detour()).as(about).isEqualTo(term.kind() == Term.Kind.DETOUR);
                    if (term.vm() != null) {
                        VmStep comes = (VmStep) steps.get(term.step() - 1);
                        assertThat(term.step()).as(about).isGreaterThan(i + 1);
                        assertThat(comes.vm()).as(about).isEqualTo(term.vm());
                        assertThat(comes.to()).as(about).isEqualTo(term.host());
                        assertThat(text).as(about).contains(term.vm());
                    }
                }
                case MOVES_ON -> {
                    assertThat(((VmStep) step).to()).as(about).isEqualTo(term.host());
                    assertThat(steps.subList(0, i)).as(about).anyMatch(s -> s instanceof Migration m && m.detour()
                            && m.vm().equals(((VmStep) step).vm()) && m.to().equals(((VmStep) step).from()));
                }
                case EVENS -> {
                    VmStep move = (VmStep) step;
                    assertThat(term.host()).as(about).isIn(move.from(), move.to());
                    assertShare(term.before(), share(before, term.host(), term.resource()), text, about);
                    assertShare(term.after(), share(after, term.host(), term.resource()), text, about);
                    assertThat(term.mean()).as(about).isCloseTo(
                            Utilisation.of(snapshot, before, term.resource()).mean(), within(1e-9));
                    if (term.host().equals(move.to())) {
                        assertThat(text).as(about).contains("mean " + Term.percent(term.mean()));
                    }
                }
                case STARTS -> {
                    assertThat(step).as(about).isInstanceOf(StartVm.class);
                    assertThat(((VmStep) step).to()).as(about).isEqualTo(term.host());
                    assertThat(term.vm()).as(about).isEqualTo(((VmStep) step).vm());
                }
                case POWERS_OFF -> {
                    assertThat(step).as(about).isInstanceOf(PowerOff.class);
                    assertThat(step.host()).as(about).isEqualTo(term.host());
                    assertWatts(term, text, about);
                }
                case POWERS_ON -> assertThat(step.host()).as(about).isEqualTo(term.host());
                case GOAL -> {
                    if (term.before() != null) {
                        assertThat(term.before()).as(about).isCloseTo(objective.measure(before), within(1e-9));
                        assertThat(term.after()).as(about).isCloseTo(objective.measure(after), within(1e-9));
                        assertThat(text).as(about).contains(String.format(Locale.ROOT, "%.4g", term.before()));
                    }
                }
            }
        }

        /**
         * The term's share is the replay's, and the words quote it as a percentage (rounded from
         * the term's: a share summed in another order may round the other way at a half).
         */
        private static void assertShare(Double quoted, double replayed, String text, String about) {
            assertThat(quoted).as(about).isCloseTo(replayed, within(1e-9));
            assertThat(text).as(about).contains(Term.percent(quoted));
        }

        private void assertWatts(Term term, String text, String about) {
            Host host = host(term.host());
            if (host.power() == null) {
                assertThat(term.watts()).as(about).isNull();
            } else {
                assertThat(term.watts()).as(about).isEqualTo(host.power().idleWatts());
                assertThat(text).as(about).contains(String.format(Locale.ROOT, "%.0f W", host.power().idleWatts()));
            }
        }

        private double share(Placement placement, String hostName, dev.ballast.model.Resource resource) {
            Resources load = placement.loadByHost(snapshot).getOrDefault(hostName, Resources.ZERO);
            return load.get(resource) / host(hostName).capacity().get(resource);
        }

        private int vmsOn(Placement placement, String hostName) {
            return (int) placement.hostOfVm().values().stream().filter(hostName::equals).count();
        }

        private Host host(String name) {
            return snapshot.host(name).orElseThrow();
        }
    }
}
