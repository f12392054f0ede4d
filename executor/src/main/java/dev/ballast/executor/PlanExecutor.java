package dev.ballast.executor;

import dev.ballast.collector.Collector;
import dev.ballast.hosts.MigrationProgress;
import dev.ballast.model.ClusterConfig;
import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Host;
import dev.ballast.model.Migration;
import dev.ballast.model.Step;
import dev.ballast.model.VmStep;
import dev.ballast.model.MigrationEstimate;
import dev.ballast.model.MigrationLink;
import dev.ballast.model.MigrationPlan;
import dev.ballast.model.Policy;
import dev.ballast.model.PreCopyModel;
import dev.ballast.model.Vm;
import dev.ballast.policies.PlanCheck;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a migration plan on the live cluster, strictly one step at a time:
 * <ol>
 *   <li>reads the journal and takes a fresh snapshot of the cluster (the collector);</li>
 *   <li>reconciles the journal with where the VMs really are (a step started by a run that died
 *       is resolved by where its VM runs; steps done are not repeated);</li>
 *   <li>checks the steps still to run against the snapshot ({@link PlanCheck});</li>
 *   <li>asks for confirmation unless told yes; a dry run stops here;</li>
 *   <li>for each step: the pre-flight on the live hosts (a failed one skips the step, the later
 *       steps of its VM, and whatever the re-checked rest of the plan no longer allows), the live
 *       migration, and a check that the VM runs on the destination and not on the source;</li>
 *   <li>stops at the first migration that fails or is aborted: a fresh plan is a fresh decision.</li>
 * </ol>
 * Every step's start, progress and outcome is journaled and synced before the run goes on.
 */
public final class PlanExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(PlanExecutor.class);
    private static final PreCopyModel MODEL = PreCopyModel.standard();

    /**
     * One run.
     *
     * @param snapshotInterval time between the two samples of the fresh snapshot (rates need two)
     * @param showProgress     draw a progress bar on {@code err}
     */
    public record Request(Path planFile, MigrationPlan plan, Policy policy, ClusterConfig cluster,
            MigrationSettings settings, Path journalFile, boolean dryRun, boolean yes, Duration snapshotInterval,
            boolean showProgress) {
    }

    /** Asks the operator whether to go on; true to run. */
    public interface Confirmation {
        boolean confirm(String question);
    }

    /** Input the operator must fix: a journal of another plan, an unreadable journal. */
    public static final class BadInput extends Exception {

        private static final long serialVersionUID = 1L;

        public BadInput(String message) {
            super(message);
        }
    }

    private final Clock clock;

    public PlanExecutor(Clock clock) {
        this.clock = clock;
    }

    public RunReport run(Request request, Confirmation confirmation, PrintWriter out, PrintWriter err)
            throws BadInput, InterruptedException {
        String sha256 = sha256(request.planFile());
        try (Journal journal = openJournal(request, sha256);
                Hosts hosts = new Hosts(request.cluster())) {
            return new Run(request, journal, hosts, sha256, out, err).execute(confirmation);
        } catch (IOException e) {
            throw new BadInput(request.journalFile() + ": " + e.getMessage());
        }
    }

    private Journal openJournal(Request request, String sha256) throws IOException, BadInput {
        Journal journal = request.dryRun() ? Journal.readOnly(request.journalFile(), clock)
                : Journal.open(request.journalFile(), clock);
        for (var entry : journal.entries()) {
            if ("run".equals(entry.path("event").asText()) && !sha256.equals(entry.path("planSha256").asText())) {
                journal.close();
                throw new BadInput(request.journalFile() + ": this journal belongs to another plan ("
                        + entry.path("plan").asText() + ", sha256 " + entry.path("planSha256").asText()
                        + "); give this plan a journal of its own with --journal FILE");
            }
        }
        return journal;
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
        private final Journal journal;
        private final Hosts hosts;
        private final String sha256;
        private final PrintWriter out;
        private final PrintWriter err;
        private final List<VmStep> steps;
        private final List<StepResult> results = new ArrayList<>();
        private final String startedAt = clock.instant().toString();
        private ClusterSnapshot state;

        Run(Request request, Journal journal, Hosts hosts, String sha256, PrintWriter out, PrintWriter err) {
            this.request = request;
            this.journal = journal;
            this.hosts = hosts;
            this.sha256 = sha256;
            this.out = out;
            this.err = err;
            // Power steps come last in a plan; switching hosts is for a host power driver, not yet here.
            this.steps = request.plan().vmSteps();
        }

        RunReport execute(Confirmation confirmation) throws InterruptedException {
            journal.append("run", fields("plan", request.planFile().toString(), "planSha256", sha256, "steps",
                    steps.size(), "policy", request.policy().name(), "dryRun", request.dryRun() ? true : null));
            state = freshSnapshot();
            for (int i = 0; i < steps.size(); i++) {
                results.add(initial(i + 1, steps.get(i)));
            }
            Reconciliation.Result reconciled = Reconciliation.reconcile(steps, journal, hosts);
            reconciled.done().forEach(n -> set(n, StepResult.Status.DONE_EARLIER, null));
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
                        + problem.get());
            }
            if (remaining.isEmpty()) {
                return end(RunReport.Outcome.COMPLETED, null);
            }
            if (request.dryRun()) {
                out.println("would run " + remaining.size() + " of " + steps.size() + " steps, one at a time:");
                remaining.forEach(n -> out.println("  " + describe(n)));
                return end(RunReport.Outcome.DRY_RUN, null);
            }
            if (!request.yes() && !confirmation.confirm("Run " + remaining.size() + " live migration(s) of "
                    + request.planFile() + " now?")) {
                return end(RunReport.Outcome.DECLINED, "the operator said no");
            }
            return runSteps(remaining);
        }

        private RunReport runSteps(List<Integer> remaining) throws InterruptedException {
            LiveMigration migration = new LiveMigration(hosts, request.settings());
            Preflight preflight = new Preflight(hosts);
            List<Integer> queue = new ArrayList<>(remaining);
            while (!queue.isEmpty()) {
                int n = queue.remove(0);
                VmStep step = steps.get(n - 1);
                if (!(step instanceof Migration move)) {
                    // A new VM has no domain to migrate: creating one is for whoever defines it.
                    skip(n, "starts a new VM: the executor only migrates running VMs");
                    continue;
                }
                Optional<String> why = preflight.whyNot(move, state.vm(step.vm()).orElse(null),
                        state.host(step.to()).orElse(null));
                if (why.isPresent()) {
                    skip(n, "pre-flight: " + why.get());
                    skipDependents(n, queue);
                    continue;
                }
                StepResult.Status status = migrate(n, move, migration);
                if (status != StepResult.Status.DONE) {
                    return end(RunReport.Outcome.STOPPED, "step " + n + " " + status.key() + ": "
                            + results.get(n - 1).reason());
                }
                state = moved(state, step.vm(), step.to());
            }
            return end(RunReport.Outcome.COMPLETED, null);
        }

        private StepResult.Status migrate(int n, Migration step, LiveMigration migration) throws InterruptedException {
            String address = hosts.config(step.to()).map(h -> h.migrationLink() == null ? null
                    : h.migrationLink().address()).orElse(null);
            journal.append("start", stepFields(n, step, "migrationUri", address == null ? null : "tcp://" + address));
            err.println("step " + n + "/" + steps.size() + ": " + step.vm() + " " + step.from() + " -> " + step.to());
            err.flush();
            ProgressReporter progress = new ProgressReporter(n, step, journal, request.showProgress() ? err : null);
            LiveMigration.Outcome outcome = migration.run(step, address, progress);
            progress.endBar();
            MigrationProgress done = outcome.completed();
            Hosts.Whereabouts where = hosts.locate(step.vm());
            StepResult.Status status;
            String reason = outcome.reason();
            if (outcome.result() == LiveMigration.Result.DONE) {
                status = where.onlyOn(step.to()) ? StepResult.Status.DONE : StepResult.Status.FAILED;
                if (status == StepResult.Status.FAILED) {
                    reason = "libvirt reported success, but " + where;
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
            results.set(n - 1, results.get(n - 1).with(status, status == StepResult.Status.DONE ? null : reason)
                    .measured(StepResult.round(outcome.wallSeconds()), StepResult.round(outcome.callSeconds()),
                            libvirtSeconds, downtime, data));
            Map<String, Object> fields = stepFields(n, step, "reason", status == StepResult.Status.DONE ? null : reason);
            fields.put("wallSeconds", StepResult.round(outcome.wallSeconds()));
            fields.put("callSeconds", StepResult.round(outcome.callSeconds()));
            fields.put("libvirtSeconds", libvirtSeconds);
            fields.put("downtimeMs", downtime);
            fields.put("dataMiB", data);
            fields.put("postCopy", outcome.postCopy() ? true : null);
            fields.put("runningOn", where.running());
            fields.put("unreachable", where.unreachable().isEmpty() ? null : where.unreachable());
            journal.append(status == StepResult.Status.DONE ? "done" : status.key(), fields);
            err.println("step " + n + ": " + status.key() + (status == StepResult.Status.DONE
                    ? String.format(java.util.Locale.ROOT, " in %.1fs", outcome.wallSeconds()) : ": " + reason));
            err.flush();
            return status;
        }

        /** Skips the later steps of the same VM, then re-checks the rest and skips what no longer holds. */
        private void skipDependents(int skipped, List<Integer> queue) {
            String vm = steps.get(skipped - 1).vm();
            for (int n : List.copyOf(queue)) {
                if (steps.get(n - 1).vm().equals(vm)) {
                    skip(n, "step " + skipped + " of the same VM was skipped");
                    queue.remove(Integer.valueOf(n));
                }
            }
            while (true) {
                Optional<PlanCheck.Problem> problem = PlanCheck.firstProblem(state, request.policy(), subPlan(queue, false));
                if (problem.isEmpty() || problem.get().step() == 0) {
                    problem.ifPresent(p -> LOG.warn("after skipping step {}, the plan's end state: {}", skipped, p.reason()));
                    return;
                }
                int n = queue.get(problem.get().step() - 1);
                skip(n, "re-checked after step " + skipped + " was skipped: " + problem.get().reason());
                String itsVm = steps.get(n - 1).vm();
                queue.remove(Integer.valueOf(n));
                for (int later : List.copyOf(queue)) {
                    if (later > n && steps.get(later - 1).vm().equals(itsVm)) {
                        skip(later, "step " + n + " of the same VM was skipped");
                        queue.remove(Integer.valueOf(later));
                    }
                }
            }
        }

        private Optional<String> check(List<Integer> remaining) {
            Optional<PlanCheck.Problem> problem = PlanCheck.firstProblem(state, request.policy(), subPlan(remaining, true));
            return problem.map(p -> p.step() == 0 ? "end of plan: " + p.reason()
                    : describe(remaining.get(p.step() - 1)) + ": " + p.reason());
        }

        private MigrationPlan subPlan(List<Integer> numbers, boolean withPlacement) {
            MigrationPlan plan = request.plan();
            List<Step> chosen = numbers.stream().<Step>map(n -> steps.get(n - 1)).toList();
            return new MigrationPlan(plan.policy(), plan.score(), withPlacement ? plan.placement() : null, chosen,
                    plan.summary());
        }

        private void skip(int n, String reason) {
            set(n, StepResult.Status.SKIPPED, reason);
            journal.append("skipped", stepFields(n, steps.get(n - 1), "reason", reason));
            err.println("step " + n + ": skipped: " + reason);
            err.flush();
        }

        private void set(int n, StepResult.Status status, String reason) {
            results.set(n - 1, results.get(n - 1).with(status, reason));
        }

        private RunReport end(RunReport.Outcome outcome, String reason) {
            journal.append(outcome == RunReport.Outcome.COMPLETED ? "finished" : outcome.key(), fields("reason", reason));
            RunReport report = new RunReport(request.planFile().toString(), journal.file().toString(), startedAt,
                    clock.instant().toString(), outcome, reason, List.copyOf(results));
            report.print(out);
            out.flush();
            if (!request.dryRun()) {
                Path file = RunReport.pathFor(journal.file());
                try {
                    report.write(file);
                    err.println("run report: " + file + ", journal: " + journal.file());
                } catch (IOException e) {
                    err.println(file + ": cannot write the run report: " + e.getMessage());
                }
                err.flush();
            }
            return report;
        }

        private ClusterSnapshot freshSnapshot() throws InterruptedException {
            try (Collector collector = new Collector(request.cluster(), clock)) {
                collector.sample();
                Thread.sleep(request.snapshotInterval().toMillis());
                collector.sample();
                collector.status().forEach(err::println);
                err.flush();
                return collector.snapshot();
            }
        }

        private StepResult initial(int n, VmStep step) {
            MigrationEstimate estimate = step instanceof Migration move ? move.estimate() : null;
            String source = estimate == null ? null : "plan";
            if (estimate == null && step instanceof Migration move) {
                estimate = modelEstimate(move);
                source = estimate == null ? null : "model";
            }
            return new StepResult(n, step.vm(), step.from(), step.to(), StepResult.Status.NOT_RUN, null,
                    estimate == null ? null : StepResult.round(estimate.seconds()),
                    estimate == null ? null : (double) Math.round(estimate.downtimeMs()), source, null, null, null, null, null);
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

    /** The snapshot with one VM on another host, as a done step leaves it. */
    static ClusterSnapshot moved(ClusterSnapshot snapshot, String vm, String host) {
        List<Vm> vms = snapshot.vms().stream().map(v -> v.name().equals(vm) ? v.onHost(host) : v).toList();
        return new ClusterSnapshot(snapshot.hosts(), vms, snapshot.groups());
    }

    private static Map<String, Object> stepFields(int n, VmStep step, Object... more) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("step", n);
        fields.put("vm", step.vm());
        fields.put("from", step.from());
        fields.put("to", step.to());
        fields.putAll(fields(more));
        return fields;
    }

    private static Map<String, Object> fields(Object... keysAndValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            fields.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return fields;
    }

}
