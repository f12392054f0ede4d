package dev.ballast.scheduler;

import dev.ballast.model.*;
import dev.ballast.simulator.ClusterGenerator;
import java.time.Duration;

public class ScratchCalibration {
    public static void main(String[] args) throws Exception {
        int hosts = Integer.parseInt(args[0]), vms = Integer.parseInt(args[1]);
        long seconds = Long.parseLong(args[2]);
        ClusterSnapshot s = hosts == 36 ? ClusterGenerator.demo() : ClusterGenerator.generate(new ClusterGenerator.Options(hosts, vms, 0.6, 0.5, 0, 42).withMaxVcpus(Integer.getInteger("x.maxv", 32)));
        System.out.println("new VMs: " + s.vms().stream().filter(Vm::isNew).count());
        System.out.println("flavours: " + s.hosts().stream().collect(java.util.stream.Collectors.groupingBy(h -> h.capacity().memoryMiB(), java.util.stream.Collectors.counting())));
        System.out.println("groups: " + s.groups().size() + " pinned " + s.vms().stream().filter(Vm::pinned).count());
        System.out.println("largest cpu demands: " + s.vms().stream().map(v -> v.demand().cpu()).sorted(java.util.Comparator.reverseOrder()).limit(8).toList());
        System.out.println("vcpus: " + s.vms().stream().collect(java.util.stream.Collectors.groupingBy(Vm::vcpus, java.util.TreeMap::new, java.util.stream.Collectors.counting())));
        Limits limits = new Limits(0.85, 0.95, 0.8);
        for (Goal goal : Goal.values()) {
            if (args.length > 3 && !goal.key().equals(args[3])) continue;
            Policy p = new Policy(goal.key(), goal, limits, null, Weights.DEFAULT);
            long t0 = System.nanoTime();
            MigrationPlan plan = new Planner(new SolverSettings(Duration.ofSeconds(seconds), Duration.ofSeconds(seconds), 1L)).plan(s, p);
            double secs = (System.nanoTime() - t0) / 1e9;
            PlanSummary sum = plan.summary();
            System.out.printf("%s: %.1fs score %s hosts %d->%d power %.0f->%.0f migrations %d GiB %.0f%n", goal, secs, plan.score(),
                sum.hostsUsedBefore(), sum.hostsUsedAfter(), sum.powerOnBeforeWatts(), sum.powerOnAfterWatts(), sum.migrations(), sum.gibToMove());
            for (Resource r : Resource.values()) {
                var c = sum.utilisation().get(r);
                System.out.printf("  %s max %.3f->%.3f mean %.3f sd %.3f->%.3f%n", r, c.before().max(), c.after().max(), c.after().mean(), c.before().stdDev(), c.after().stdDev());
            }
            if (goal == Goal.CONSOLIDATE) {
                var ffd = FirstFitDecreasing.place(s, p).orElseThrow();
                double w = ffd.usedHosts().stream().mapToDouble(h -> s.host(h).orElseThrow().idleWatts()).sum();
                System.out.printf("  FFD: hosts %d power %.0f%n", ffd.usedHosts().size(), w);
            }
        }
    }
}
