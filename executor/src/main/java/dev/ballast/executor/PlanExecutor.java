package dev.ballast.executor;

import dev.ballast.executor.RunEvent.Measurement;
import dev.ballast.hosts.HostDriver;
import dev.ballast.hosts.MigrationProgress;
import dev.ballast.model.ClusterConfig;
import dev.ballast.model.ClusterConfig.HostConfig;
import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Host;
import dev.ballast.model.HostState;
import dev.ballast.model.Migration;
import dev.ballast.model.MigrationEstimate;
import dev.ballast.model.MigrationLink;
import dev.ballast.model.MigrationPlan;
import dev.ballast.model.Policy;
import dev.ballast.model.PowerOff;
import dev.ballast.model.PowerOn;
import dev.ballast.model.PreCopyModel;
import dev.ballast.model.StartVm;
import dev.ballast.model.Step;
import dev.ballast.model.Vm;
import dev.ballast.model.VmStep;
import dev.ballast.rules.PlanCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a plan on the live cluster, strictly one step at a time:
 * <ol>
 *   <li>reads the journal and reconciles it with the cluster as it is (a step started by a run that
 *       died is resolved by where its VM runs, or by its host's power; steps done are not repeated);</li>
 *   <li>takes a fresh snapshot of the cluster (its {@link SnapshotSource});</li>
 *   <li>checks the steps still to run against the snapshot ({@link PlanCheck});</li>
 *   <li>asks for confirmation unless told yes; a dry run stops here;</li>
 *   <li>for each step: a migration's pre-flight on the live hosts (a failed one skips the step,
 *       the later steps of its VM, and whatever the re-checked rest of the plan no longer allows),
 *       the live migration, and a check that the VM runs on the destination and not on the
 *       source; a power step through the host's power driver ({@link PowerSteps}); a new VM's
 *       start is skipped (it has no domain to migrate);</li>
 *   <li>stops at the first step that fails or is aborted: a fresh plan is a fresh decision.</li>
 * </ol>
 * Everything that happens is a {@link RunEvent} told to the run's listeners: first the journal
 * (synced before the run goes on), then the caller's (the terminal...). Hosts are reached through
 * {@link HostDriver}s; time comes from the injected clock and passes through the injected
 * {@link Sleeper}, so the executor's decisions are tested on a simulated cluster in seconds.
 */
public final class PlanExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(PlanExecutor.class);
    private static final PreCopyModel MODEL = PreCopyModel.standard();

    /** One run. */
    public record Request(Path planFile, MigrationPlan plan, Policy policy, ClusterConfig cluster,
            MigrationSettings settings, Path journalFile, boolean dryRun, boolean yes) {
    }

    /** Asks the operator whether to go on; true to run. */
    public interface Confirmation {
        boolean confirm(String question);
    }

    /**
     * Asked before each step whether the run must stop there (a service's window has closed):
     * why, or empty to go on. A step that started always runs to its end.
     */
    public interface Between {
        Optional<String> stopBefore(int step);

        Between NEVER = step -> Optional.empty();
    }

    /** Input the operator must fix: a journal of another plan, an unreadable journal. */
    public static final class BadInput extends Exception {

        private static final long serialVersionUID = 1L;

        public BadInput(String message) {
            super(message);
        }
    }

    private final Clock clock;
    private final Sleeper sleeper;
    private final Function<HostConfig, HostDriver> drivers;
    private final SnapshotSource snapshots;

    /**
     * @param drivers   opens the driver of a host of the cluster file (read-write)
     * @param snapshots the fresh snapshot each run checks its plan against
     */
    public PlanExecutor(Clock clock, Sleeper sleeper, Function<HostConfig, HostDriver> drivers,
            SnapshotSource snapshots) {
        this.clock = clock;
        this.sleeper = sleeper;
        this.drivers = drivers;
        this.snapshots = snapshots;
    }

    /** Runs the plan; the journal hears every event first, then {@code listeners} in order. */
    public RunReport run(Request request, Confirmation confirmation, List<RunListener> listeners)
            throws BadInput, InterruptedException {
        return run(request, confirmation, listeners, Between.NEVER);
    }

    /** As {@link #run(Request, Confirmation, List)}, stopping between steps when {@code between} says so. */
    public RunReport run(Request request, Confirmation confirmation, List<RunListener> listeners, Between between)
            throws BadInput, InterruptedException {
        String sha256 = sha256(request.planFile());
        try (Journal journal = openJournal(request, sha256);
                Hosts hosts = new Hosts(request.cluster(), drivers)) {
            List<RunListener> all = new ArrayList<>();
            all.add(new JournalListener(journal));
            all.addAll(listeners);
            return new Run(request, journal, hosts, sha256, all, between).execute(confirmation);
        } catch (IOException e) {
            throw new BadInput(request.journalFile() + ": " + e.getMessage());
        }
    }

    private Journal openJournal(Request request, String sha256) throws IOException, BadInput {
        Journal journal = request.dryRun() ? Journal.readOnly(request.journalFile(), clock)
                : Journal.open(request.journalFile(), clock);
        for (RunEntry entry : RunEntry.runsOf(journal)) {
            if (!sha256.equals(entry.sha256())) {
                journal.close();
                throw new BadInput(request.journalFile() + ": this journal belongs to another plan ("
                        + entry.plan() + ", sha256 " + entry.sha256()
                        + "); give this plan a journal of its own with --journal FILE");
            }
        }
        return journal;
    }

    /** A run entry of the journal: its plan and the plan's hash. */
    private record RunEntry(String plan, String sha256) {

        static List<RunEntry> runsOf(Journal journal) {
            return journal.entries().stream().map(JournalEntry::of).filter(e -> "run".equals(e.event()))
                    .map(e -> new RunEntry(e.plan(), e.planSha256())).toList();
        }
    }

    private static String sha256(Path file) throws BadInput {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new BadInput(file + ": cannot read: " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The state of one run. */
    private final class Run {

        private final Request request;
        private final Between between;
        private final Journal journal;
        private final Hosts hosts;
        private final String sha256;
        private final List<RunListener> listeners;
        private final List<Step> steps;
        private final List<StepResult> results = new ArrayList<>();
        private final String startedAt = clock.instant().toString();
        private ClusterSnapshot state;

        Run(Request request, Journal journal, Hosts hosts, String sha256, List<RunListener> listeners,
                Between between) {
            this.between = between;
            this.request = request;
            this.journal = journal;
            this.hosts = hosts;
            this.sha256 = sha256;
            this.listeners = listeners;
            this.steps = request.plan().steps();
        }

        private void emit(RunEvent event) {
            for (RunListener listener : listeners) {
                listener.on(event);
            }
        }

        RunReport execute(Confirmation confirmation) throws InterruptedException {
            List<JournalEntry> earlier = journal.entries().stream().map(JournalEntry::of).toList();
            emit(new RunEvent.RunStarted(clock.instant(), request.planFile().toString(), sha256, steps.size(),
                    request.policy().name(), request.dryRun()));
            Reconciliation.Result reconciled = Reconciliation.reconcile(steps, earlier, hosts,
                    new MigrationInFlight(hosts, request.settings(), clock, sleeper), clock, this::emit);
            // Taken after the reconciliation, which may have waited for a migration an earlier run left
            // under way: while it ran, its destination may not have answered the collector.
            state = snapshots.snapshot();
            for (int i = 0; i < steps.size(); i++) {
                results.add(initial(i + 1, steps.get(i)));
            }
            reconciled.done().forEach(n -> {
                set(n, StepResult.Status.DONE_EARLIER, reconciled.notes().get(n));
                state = applied(state, steps.get(n - 1));
            });
            if (reconciled.refusal().isPresent()) {
                return end(RunReport.Outcome.REFUSED, reconciled.refusal().get());
            }
            List<Integer> remaining = new ArrayList<>();
            for (int n = 1; n <= steps.size(); n++) {
                if (!reconciled.done().contains(n)) {
                    remaining.add(n);
                }
            }
            Optional<String> problem = check(remaining);
            if (problem.isPresent()) {
                return end(RunReport.Outcome.REFUSED, "the plan does not hold on the cluster as it is now: "
                        + problem.get() + "; collect a fresh snapshot and plan again");
            }
            if (remaining.isEmpty()) {
                return end(RunReport.Outcome.COMPLETED, null);
            }
            if (request.dryRun()) {
                return end(RunReport.Outcome.DRY_RUN, null);
            }
            if (!request.yes() && !confirmation.confirm("Run " + remaining.size() + " step(s) of "
                    + request.planFile() + " now?")) {
                return end(RunReport.Outcome.DECLINED, "the operator said no");
            }
            return runSteps(remaining);
        }

        private RunReport runSteps(List<Integer> remaining) throws InterruptedException {
            MigrationSettings settings = request.settings();
            LiveMigration migration = new LiveMigration(hosts, settings, clock, sleeper);
            PowerSteps power = new PowerSteps(hosts::driver, clock, sleeper, settings.powerTimeout(),
                    settings.pollInterval());
            Preflight preflight = new Preflight(hosts);
            List<Integer> queue = new ArrayList<>(remaining);
            while (!queue.isEmpty()) {
                int n = queue.get(0);
                Optional<String> stop = between.stopBefore(n);
                if (stop.isPresent()) {
                    return end(RunReport.Outcome.STOPPED, "stopped before step " + n + ": " + stop.get());
                }
                queue.remove(0);
                Step step = steps.get(n - 1);
                StepResult.Status status;
                if (step instanceof StartVm) {
                    // A new VM has no domain to migrate: creating one is for whoever defines it.
                    skip(n, "starts a new VM: the executor only migrates running VMs");
                    continue;
                } else if (step instanceof Migration move) {
                    Optional<String> why = preflight.whyNot(move, state.vm(move.vm()).orElse(null),
                            state.host(move.to()).orElse(null));
                    if (why.isPresent()) {
                        skip(n, "pre-flight: " + why.get());
                        skipDependents(n, queue);
                        continue;
                    }
                    status = migrate(n, move, migration);
                } else {
                    status = switchPower(n, step, power);
                    // A host that could not be switched off stays on, empty: the rest of the plan
                    // holds without it being off (a later power-on of it no longer does, and is skipped).
                    // A failed power-on stops the run below, before anything is sent to the host.
                    if (status == StepResult.Status.SKIPPED
                            || status == StepResult.Status.FAILED && step instanceof PowerOff) {
                        skipDependents(n, queue);
                        continue;
                    }
                }
                if (status != StepResult.Status.DONE) {
                    return end(RunReport.Outcome.STOPPED, "step " + n + " " + status.key() + ": "
                            + results.get(n - 1).reason());
                }
                state = applied(state, step);
            }
            return end(RunReport.Outcome.COMPLETED, null);
        }

        private StepResult.Status migrate(int n, Migration step, LiveMigration migration) throws InterruptedException {
            String address = hosts.config(step.to()).map(h -> h.migrationLink() == null ? null
                    : h.migrationLink().address()).orElse(null);
            emit(new RunEvent.StepStarted(clock.instant(), n, step, address == null ? null : "tcp://" + address));
            LiveMigration.Outcome outcome = migration.run(step, address, new LiveMigration.Listener() {
                @Override
                public void progress(MigrationProgress stats, Duration elapsed) {
                    emit(new RunEvent.Progress(clock.instant(), n, step, stats, elapsed));
                }

                @Override
                public void event(String what) {
                    emit(new RunEvent.Note(clock.instant(), n, step, what));
                }
            });
            MigrationProgress done = outcome.completed();
            Whereabouts where = hosts.locate(step.vm());
            StepResult.Status status;
            String reason = outcome.reason();
            if (outcome.result() == LiveMigration.Result.DONE) {
                status = where.onlyOn(step.to()) ? StepResult.Status.DONE : StepResult.Status.FAILED;
                if (status == StepResult.Status.FAILED) {
                    reason = "the host reported success, but " + where;
                }
            } else if (where.onlyOn(step.to())) {
                status = StepResult.Status.DONE; // the switchover happened before the failure: the VM moved
            } else {
                status = outcome.result() == LiveMigration.Result.ABORTED ? StepResult.Status.ABORTED
                        : StepResult.Status.FAILED;
                reason = reason + "; " + where;
            }
            Double libvirtSeconds = done == null || done.elapsedMs() < 0 ? null : done.elapsedMs() / 1000.0;
            Long downtime = done == null || done.downtimeMs() < 0 ? null : done.downtimeMs();
            Double data = done == null || done.dataProcessedMiB() < 0 ? null : StepResult.round(done.dataProcessedMiB());
            Measurement measured = new Measurement(StepResult.round(outcome.wallSeconds()),
                    StepResult.round(outcome.callSeconds()), libvirtSeconds, downtime, data, outcome.postCopy());
            results.set(n - 1, results.get(n - 1).with(status, status == StepResult.Status.DONE ? null : reason)
                    .measured(measured.wallSeconds(), measured.callSeconds(), libvirtSeconds, downtime, data));
            if (status == StepResult.Status.DONE) {
                emit(new RunEvent.StepDone(clock.instant(), n, step, measured, where));
            } else if (status == StepResult.Status.ABORTED) {
                emit(new RunEvent.StepAborted(clock.instant(), n, step, reason, measured, where));
            } else {
                emit(new RunEvent.StepFailed(clock.instant(), n, step, reason, measured, where));
            }
            return status;
        }

        private StepResult.Status switchPower(int n, Step step, PowerSteps power) throws InterruptedException {
            emit(new RunEvent.StepStarted(clock.instant(), n, step, null));
            PowerSteps.Outcome outcome = step instanceof PowerOff
                    ? power.powerOff(step.host(), note -> emit(new RunEvent.Note(clock.instant(), n, step, note)))
                    : power.powerOn(step.host(), note -> emit(new RunEvent.Note(clock.instant(), n, step, note)));
            Measurement measured = Measurement.wall(outcome.seconds());
            if (outcome.result() == PowerSteps.Result.SKIPPED) {
                skip(n, outcome.reason());
                return StepResult.Status.SKIPPED;
            }
            StepResult.Status status = outcome.result() == PowerSteps.Result.DONE ? StepResult.Status.DONE
                    : StepResult.Status.FAILED;
            String reason = status == StepResult.Status.FAILED && step instanceof PowerOff
                    ? outcome.reason() + "; the host stays on, the run goes on" : outcome.reason();
            results.set(n - 1, results.get(n - 1).with(status, reason)
                    .measured(measured.wallSeconds(), null, null, null, null));
            if (status == StepResult.Status.DONE) {
                emit(new RunEvent.StepDone(clock.instant(), n, step, measured, null));
            } else {
                emit(new RunEvent.StepFailed(clock.instant(), n, step, reason, measured, null));
            }
            return status;
        }

        /** Skips the later steps of the same VM, then re-checks the rest and skips what no longer holds. */
        private void skipDependents(int skipped, List<Integer> queue) {
            if (steps.get(skipped - 1) instanceof VmStep vmStep) {
                skipLaterOf(vmStep.vm(), skipped, 0, queue);
            }
            while (true) {
                Optional<PlanCheck.Problem> problem = PlanCheck.firstProblem(state, request.policy(),
                        subPlan(queue, false), clock.instant());
                if (problem.isEmpty() || problem.get().step() == 0) {
                    problem.ifPresent(p -> LOG.warn("after skipping step {}, the plan's end state: {}", skipped, p.reason()));
                    return;
                }
                int n = queue.get(problem.get().step() - 1);
                skip(n, "re-checked after step " + skipped + " was skipped: " + problem.get().reason());
                queue.remove(Integer.valueOf(n));
                if (steps.get(n - 1) instanceof VmStep vmStep) {
                    skipLaterOf(vmStep.vm(), n, n, queue);
                }
            }
        }

        private void skipLaterOf(String vm, int skipped, int after, List<Integer> queue) {
            for (int later : List.copyOf(queue)) {
                if (later > after && steps.get(later - 1) instanceof VmStep other && other.vm().equals(vm)) {
                    skip(later, "step " + skipped + " of the same VM was skipped");
                    queue.remove(Integer.valueOf(later));
                }
            }
        }

        private Optional<String> check(List<Integer> remaining) {
            Optional<PlanCheck.Problem> problem = PlanCheck.firstProblem(state, request.policy(),
                    subPlan(remaining, true), clock.instant());
            return problem.map(p -> p.step() == 0 ? "end of plan: " + p.reason()
                    : describe(remaining.get(p.step() - 1)) + ": " + p.reason());
        }

        private MigrationPlan subPlan(List<Integer> numbers, boolean withPlacement) {
            MigrationPlan plan = request.plan();
            List<Step> chosen = numbers.stream().map(n -> steps.get(n - 1)).toList();
            return new MigrationPlan(plan.policy(), plan.score(), withPlacement ? plan.placement() : null, chosen,
                    plan.summary());
        }

        private void skip(int n, String reason) {
            set(n, StepResult.Status.SKIPPED, reason);
            emit(new RunEvent.StepSkipped(clock.instant(), n, steps.get(n - 1), reason));
        }

        private void set(int n, StepResult.Status status, String reason) {
            results.set(n - 1, results.get(n - 1).with(status, reason));
        }

        private RunReport end(RunReport.Outcome outcome, String reason) {
            RunReport report = new RunReport(request.planFile().toString(), journal.file().toString(), startedAt,
                    clock.instant().toString(), outcome, reason, List.copyOf(results));
            Path file = null;
            String problem = null;
            if (!request.dryRun()) {
                file = RunReport.pathFor(journal.file());
                try {
                    report.write(file);
                } catch (IOException e) {
                    problem = file + ": cannot write the run report: " + e.getMessage();
                    file = null;
                }
            }
            emit(new RunEvent.RunFinished(clock.instant(), report, file, problem));
            return report;
        }

        private StepResult initial(int n, Step step) {
            if (!(step instanceof VmStep vmStep)) {
                return new StepResult(n, step.action(), step.host(), null, null, null, StepResult.Status.NOT_RUN,
                        null, null, null, null, null, null, null, null, null);
            }
            MigrationEstimate estimate = step instanceof Migration move ? move.estimate() : null;
            String source = estimate == null ? null : "plan";
            if (estimate == null && step instanceof Migration move) {
                estimate = modelEstimate(move);
                source = estimate == null ? null : "model";
            }
            return new StepResult(n, step instanceof Migration ? null : step.action(), null, vmStep.vm(),
                    vmStep.from(), vmStep.to(), StepResult.Status.NOT_RUN, null,
                    estimate == null ? null : StepResult.round(estimate.seconds()),
                    estimate == null ? null : (double) Math.round(estimate.downtimeMs()), source, null, null, null,
                    null, null);
        }

        private MigrationEstimate modelEstimate(Migration step) {
            Optional<Vm> vm = state.vm(step.vm());
            if (vm.isEmpty()) {
                return null;
            }
            long link = Math.min(linkMbps(state.host(step.from())), linkMbps(state.host(step.to())));
            return MODEL.estimate(vm.get().memoryMiB(), vm.get().dirtyRateMiBps(), link);
        }

        private String describe(int n) {
            return "step " + n + " (" + steps.get(n - 1).describe() + ")";
        }
    }

    private static long linkMbps(Optional<Host> host) {
        return host.map(Host::migrationLink).map(MigrationLink::mbps).orElse(MigrationLink.DEFAULT_MBPS);
    }

    /** The snapshot as a done step leaves it: a VM on another host, a host switched off or on. */
    static ClusterSnapshot applied(ClusterSnapshot snapshot, Step step) {
        if (step instanceof VmStep vmStep) {
            return moved(snapshot, vmStep.vm(), vmStep.to());
        }
        return snapshot.withHostState(step.host(), step instanceof PowerOn ? HostState.ACTIVE : HostState.STANDBY);
    }

    /** The snapshot with one VM on another host, as a done step leaves it. */
    static ClusterSnapshot moved(ClusterSnapshot snapshot, String vm, String host) {
        List<Vm> vms = snapshot.vms().stream().map(v -> v.name().equals(vm) ? v.onHost(host) : v).toList();
        return new ClusterSnapshot(snapshot.hosts(), vms, snapshot.groups());
    }
}
