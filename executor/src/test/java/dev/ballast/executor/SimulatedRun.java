package dev.ballast.executor;

import dev.ballast.formats.PlanWriter;
import dev.ballast.hosts.HostException;
import dev.ballast.hosts.simulated.ManualTicker;
import dev.ballast.hosts.simulated.SimulatedCluster;
import dev.ballast.model.ClusterConfig;
import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.MigrationPlan;
import dev.ballast.model.Placement;
import dev.ballast.model.Step;
import dev.ballast.model.Vm;
import dev.ballast.model.VmStep;
import dev.ballast.rules.Policies;
import dev.ballast.scheduler.goals.Goals;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The executor on a simulated cluster, on simulated time: plans written to files, runs that take
 * milliseconds, every event kept, and what the terminal would have shown.
 */
final class SimulatedRun {

    final ManualTicker ticker = new ManualTicker();
    final SimulatedCluster cluster;
    final Path dir;
    final List<RunEvent> events = new ArrayList<>();
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    MigrationSettings settings = MigrationSettings.defaults();

    SimulatedRun(ClusterSnapshot start, Path dir) {
        this.cluster = new SimulatedCluster(start, 1, ticker);
        this.dir = dir;
    }

    /**
     * Time for the executor: sleeping moves it on; awaiting a migration moves it on, then gives
     * the migration's thread a few real milliseconds to see it (it switches over when woken).
     */
    final Sleeper time = new Sleeper() {
        @Override
        public void sleep(Duration duration) {
            ticker.advance(duration);
        }

        @Override
        public void await(Future<?> task, Duration duration) throws InterruptedException {
            ticker.advance(duration);
            try {
                task.get(5, TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // ended with an error, or still running: the executor looks
            }
        }
    };

    /** A plan of these steps from the cluster as it is now, its placement where they lead. */
    MigrationPlan plan(Step... steps) {
        Map<String, String> placement = new LinkedHashMap<>();
        for (Vm vm : cluster.snapshot().vms()) {
            placement.put(vm.name(), vm.host());
        }
        for (Step step : steps) {
            if (step instanceof VmStep vmStep) {
                placement.put(vmStep.vm(), vmStep.to());
            }
        }
        return new MigrationPlan("balance", null, new Placement(placement), List.of(steps), null);
    }

    Path planFile(MigrationPlan plan, String name) throws IOException {
        return Files.writeString(dir.resolve(name + ".plan.json"), PlanWriter.toJson(plan));
    }

    Path journal(String name) {
        return dir.resolve(name + ".journal.jsonl");
    }

    RunReport apply(MigrationPlan plan, String name, RunListener... more) throws Exception {
        Path planFile = planFile(plan, name);
        ClusterConfig config = new ClusterConfig(cluster.hostConfigs(), ClusterConfig.DEFAULT_LIBVIRT_TIMEOUT, null,
                ClusterConfig.Smoothing.DEFAULT, ClusterConfig.DEFAULT_STALE_AFTER);
        PlanExecutor.Request request = new PlanExecutor.Request(planFile, plan, Policies.builtIn("balance", Goals.registry()), config,
                settings, journal(name), false, true);
        List<RunListener> listeners = new ArrayList<>();
        listeners.add(events::add);
        listeners.add(new TerminalListener(new PrintWriter(out, true), new PrintWriter(err, true), false));
        listeners.addAll(List.of(more));
        PlanExecutor executor = new PlanExecutor(ticker.asClock(), time, host -> cluster.driver(host.name()),
                cluster::snapshot);
        return executor.run(request, question -> false, listeners);
    }

    /** Each VM's hosts, asked of every host's driver while the cluster is held still. */
    Map<String, List<String>> whereEachVmRuns(List<String> vms) {
        Map<String, List<String>> where = new LinkedHashMap<>();
        synchronized (cluster) {
            for (String vm : vms) {
                List<String> on = new ArrayList<>();
                for (String host : cluster.hostNames()) {
                    try {
                        if (cluster.driver(host).runs(vm)) {
                            on.add(host);
                        }
                    } catch (HostException e) {
                        // a host switched off or unreachable runs nothing we can see
                    }
                }
                where.put(vm, on);
            }
        }
        return where;
    }

    /** The journal's events, {@code start 2} for a step's, {@code run} for a run's. */
    List<String> journalEvents(String name) throws IOException {
        try (Journal journal = Journal.readOnly(journal(name), ticker.asClock())) {
            return journal.entries().stream().map(JournalEntry::of)
                    .map(e -> e.step() == null ? e.event() : e.event() + " " + e.step()).toList();
        }
    }
}
