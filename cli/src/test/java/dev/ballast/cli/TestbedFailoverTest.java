package dev.ballast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.executor.Testbed;
import dev.ballast.model.ServiceConfig;
import dev.ballast.service.store.PostgresServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failover on the real testbed: two {@code ballast serve} processes on one PostgreSQL store and the
 * testbed's cluster file (libvirtd hosts, QEMU guests, NFS). The busy host is put into maintenance,
 * its evacuation plan approved, and the service holding the run lease is killed with SIGKILL while
 * libvirt is migrating one of its guests. What is checked is libvirt's word ({@code virsh} on both
 * hosts, polled all along) and the guests' serial counters, not Ballast's: the other service takes
 * the lease within the lease time, the guest that was in flight is found where libvirt left it
 * (libvirt decides whether a migration whose client died completes or is cancelled; the test
 * records which), no guest ever runs on two hosts, no migration is done twice, the plan ends
 * truthfully, and every guest keeps running. A second case hangs the holder (SIGSTOP) instead of
 * killing it, so that libvirt's migration goes on without being cancelled.
 *
 * <p>The testbed's migrations take about half a second in libvirt; the guests' migration speed is
 * capped with {@code virsh migrate-setspeed} (libvirt's per-domain cap, used when the migration
 * call gives none, as the service's does) so that one is caught mid-flight.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class TestbedFailoverTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "testbed-failover-token-0123456789abcdef";
    private static final Duration AWAIT = Duration.ofSeconds(90);
    private static final Duration LEASE = Duration.ofSeconds(6);
    private static final Duration RENEW_EVERY = Duration.ofSeconds(2);
    private static final List<String> HOSTS = List.of("host-01", "host-02");
    /** MiB/s: a guest's 48 MiB of data take about 6 s, time to see the job and kill the service. */
    private static final int SLOW_MIBPS = 8;
    private static final Pattern PROCESSED = Pattern.compile("data processed: ([0-9.]+) mib");

    @TempDir
    Path dir;
    private final List<ServeProcess> services = new ArrayList<>();
    private Path clusterFile;
    private Placements placements;

    @BeforeEach
    void up() throws Exception {
        Testbed.requirePreconditions();
        Testbed.claim();
        Testbed.down(); // whatever an interrupted earlier run left
        clusterFile = Testbed.up("--hosts", "2", "--vms", "3");
    }

    @AfterEach
    void down() throws Exception {
        try {
            if (placements != null) {
                placements.stopPolling();
            }
            for (ServeProcess service : services) {
                service.close();
            }
            Testbed.down();
        } finally {
            Testbed.release();
        }
    }

    @Test
    void theOtherServiceTakesOverWhenTheOneMigratingIsKilledAndEveryGuestEndsOnOneHostStillRunning()
            throws Exception {
        Evacuation evacuation = recommendEvacuation();
        String busy = evacuation.busy();
        List<String> guests = evacuation.guests();
        ServeProcess a = evacuation.holder();
        ServeProcess b = evacuation.standby();
        long id = evacuation.plan();
        Map<String, String> destinations = evacuation.destinations();
        Map<Integer, String> vmOfStep = evacuation.vmOfStep();
        assertThat(destinations.keySet()).as("the evacuation plan's guests")
                .containsExactlyInAnyOrderElementsOf(guests);
        // Approved on b, which does not hold the lease: a runs it.
        b.post("/api/v1/plans/" + id + "/approve");
        // Caught a quarter of the way through QEMU's sending, not while libvirt is still preparing the destination.
        String inFlight = await("a migration sending memory", () -> {
            for (String guest : guests) {
                if (processedMiB(progress(busy, guest)) >= 16) {
                    return guest;
                }
            }
            return null;
        });
        String caught = progress(busy, inFlight);
        Map<String, Long> lastOnSource = new TreeMap<>();
        for (String guest : guests) {
            lastOnSource.put(guest, Testbed.counters(busy, guest).isEmpty() ? 0 : Testbed.last(busy, guest));
        }
        long killedAt = System.nanoTime();
        a.kill(); // the lease is not let go, libvirt's client is gone
        await("libvirt done with " + inFlight + "'s migration", () -> migrating(busy, inFlight) ? null : true);
        Duration libvirtEnded = Duration.ofNanos(System.nanoTime() - killedAt);
        String leftBy = states(inFlight);
        String libvirtDid = placements.now(inFlight);

        JsonNode taken = b.awaitLease(AWAIT);
        Duration takeOver = Duration.ofNanos(System.nanoTime() - killedAt);
        assertThat(taken.get("token").asLong()).as("the fencing token went up").isEqualTo(2);
        JsonNode ended = b.awaitEnd(id, AWAIT);
        placements.stopPolling();
        JsonNode events = b.get("/api/v1/plans/" + id + "/events");

        // libvirt's word on every poll: no guest ever ran on two hosts.
        assertThat(placements.onTwo).as("polls where a guest ran on two hosts").isEmpty();
        // Migration starts and ends per guest, from the journal b holds (a's entries from the store, then b's).
        Map<String, Integer> starts = new TreeMap<>();
        Map<String, Integer> dones = new TreeMap<>();
        List<String> journal = Files.readAllLines(dir.resolve("data-b/runs/plan-" + id + ".journal.jsonl"));
        for (String line : journal) {
            JsonNode entry = JSON.readTree(line);
            String vm = vmOfStep.get(entry.path("step").asInt());
            String event = entry.path("event").asText();
            if (event.equals("start")) {
                starts.merge(vm, 1, Integer::sum);
            } else if (event.equals("done")
                    || event.equals("reconciled") && entry.path("outcome").asText().equals("done")) {
                dones.merge(vm, 1, Integer::sum);
            }
        }
        long repeated = dones.values().stream().filter(times -> times > 1).count();
        assertThat(repeated).as("migrations done twice: %s\n%s", dones, String.join("\n", journal)).isZero();
        boolean completed = libvirtDid.equals(destinations.get(inFlight));
        // A migration libvirt completed is never started again; one it cancelled may be, once.
        long restarted = starts.values().stream().filter(times -> times > 1).count();
        assertThat(starts.get(inFlight)).as("starts of %s's migration: %s", inFlight, String.join("\n", journal))
                .isEqualTo(completed ? 1 : 2);
        starts.forEach((vm, times) -> {
            if (!vm.equals(inFlight)) {
                assertThat(times).as("starts of %s's migration", vm).isEqualTo(1);
            }
        });
        // b's reconciliation says what libvirt did: the in-flight step done, or not done and run again.
        int inFlightStep = vmOfStep.entrySet().stream().filter(e -> e.getValue().equals(inFlight))
                .findFirst().orElseThrow().getKey();
        List<String> ofStep = new ArrayList<>();
        for (String line : journal) {
            JsonNode entry = JSON.readTree(line);
            if (entry.path("step").asInt() == inFlightStep && !entry.path("event").asText().equals("progress")) {
                ofStep.add(entry.path("event").asText()
                        + (entry.has("outcome") ? " " + entry.get("outcome").asText() : ""));
            }
        }
        assertThat(ofStep).as("%s's step in the journal", inFlight).containsSubsequence(completed
                ? List.of("start", "reconciled done") : List.of("start", "reconciled not-done", "start", "done"));
        // The plan ends truthfully, and libvirt agrees with it.
        assertThat(ended.get("state").asText()).as("%s\nevents: %s", ended, events).isEqualTo("succeeded");
        for (Map.Entry<String, String> move : destinations.entrySet()) {
            assertThat(placements.now(move.getKey())).as("where %s runs at the end", move.getKey())
                    .isEqualTo(move.getValue());
        }
        assertThat(Testbed.runningGuests(busy)).as("guests left on %s", busy).isEmpty();
        // Every guest keeps running: its counter goes on where it stopped on the source (a line cut in two is
        // lost); and none was left paused on the source by the kill: each counted on there until it moved.
        for (Map.Entry<String, String> move : destinations.entrySet()) {
            String vm = move.getKey();
            List<Long> there = Testbed.awaitGrowth(move.getValue(), vm, 3);
            long last = Testbed.last(busy, vm);
            assertThat(there.get(0)).as("%s's first counter on %s", vm, move.getValue())
                    .isBetween(last + 1, last + 2);
            if (!(vm.equals(inFlight) && completed)) {
                assertThat(last).as("%s's last counter on %s, against the one at the kill", vm, busy)
                        .isGreaterThan(lastOnSource.get(vm));
            }
        }
        for (String host : HOSTS) {
            if (!host.equals(busy)) {
                for (String vm : Testbed.runningGuests(host)) {
                    if (!destinations.containsKey(vm)) {
                        Testbed.awaitGrowth(host, vm, 3); // a guest the plan left alone runs on too
                    }
                }
            }
        }
        assertThat(takeOver).as("taken over within the lease and a renewal, with room for a busy machine")
                .isLessThan(LEASE.plus(RENEW_EVERY).plusSeconds(5));
        System.out.printf("testbed failover (kill -9 mid-migration of %s, %s -> %s, at %s): b took the lease"
                + " %.1f s after the kill (lease %d s, renewed every %d s); libvirt %s the migration in flight"
                + " within %.1f s (%s then, %s found on %s); migrations done twice: %d, restarted: %d; polls: %d,"
                + " with a guest on two hosts: %d, on none: %d; plan %s; %s's step: %s%n",
                inFlight, busy, destinations.get(inFlight), caught, takeOver.toMillis() / 1000.0,
                LEASE.toSeconds(), RENEW_EVERY.toSeconds(), completed ? "completed" : "cancelled",
                libvirtEnded.toMillis() / 1000.0, leftBy, inFlight, libvirtDid, repeated, restarted,
                placements.polls.get(), placements.onTwo.size(), placements.onNone.size(),
                ended.get("state").asText(), inFlight, ofStep);
    }

    /**
     * The holder hangs (SIGSTOP) instead of dying: libvirt's migration of its guest is not cancelled
     * (its client did not go away). The other service takes the lease, finds the migration still under
     * way on the source and waits for it; the hung one is resumed (SIGCONT) while it waits, its
     * migration ends, and the step is recorded by where libvirt put the guest. The resumed holder,
     * fenced, starts no migration.
     */
    @Test
    void whenTheOneMigratingHangsTheOtherWaitsForItsMigrationAndRecordsWhereLibvirtPutTheGuest() throws Exception {
        Evacuation evacuation = recommendEvacuation();
        String busy = evacuation.busy();
        List<String> guests = evacuation.guests();
        ServeProcess a = evacuation.holder();
        ServeProcess b = evacuation.standby();
        long id = evacuation.plan();
        Map<String, String> destinations = evacuation.destinations();
        Map<Integer, String> vmOfStep = evacuation.vmOfStep();
        b.post("/api/v1/plans/" + id + "/approve");
        String inFlight = await("a migration sending memory", () -> {
            for (String guest : guests) {
                if (processedMiB(progress(busy, guest)) >= 16) {
                    return guest;
                }
            }
            return null;
        });
        String caught = progress(busy, inFlight);
        long hungAt = System.nanoTime();
        a.hang();

        b.awaitLease(AWAIT);
        Duration takeOver = Duration.ofNanos(System.nanoTime() - hungAt);
        Path bLog = dir.resolve("b.log");
        await("b waiting for " + inFlight + "'s migration (" + states(inFlight) + ")", () ->
                Files.readString(bLog).contains(" was still migrating when this run began: waiting for its job")
                        ? true : null);
        String whileHung = states(inFlight) + "; job on " + busy + ": " + (migrating(busy, inFlight) ? "under way"
                : "none") + ", " + progress(busy, inFlight);
        a.resume();
        long resumedAt = System.nanoTime();
        JsonNode ended = b.awaitEnd(id, AWAIT);
        Duration resumedToEnd = Duration.ofNanos(System.nanoTime() - resumedAt);
        placements.stopPolling();
        await("the resumed service stopping, fenced", () -> Files.readString(dir.resolve("a.log"))
                .contains("left running for the service that holds the run lease now") ? true : null);

        assertThat(placements.onTwo).as("polls where a guest ran on two hosts").isEmpty();
        List<String> journal = Files.readAllLines(dir.resolve("data-b/runs/plan-" + id + ".journal.jsonl"));
        int inFlightStep = vmOfStep.entrySet().stream().filter(e -> e.getValue().equals(inFlight)).findFirst()
                .orElseThrow().getKey();
        List<String> ofStep = new ArrayList<>();
        String note = null;
        Map<String, Integer> starts = new TreeMap<>();
        for (String line : journal) {
            JsonNode entry = JSON.readTree(line);
            String event = entry.path("event").asText();
            if (event.equals("start")) {
                starts.merge(vmOfStep.get(entry.path("step").asInt()), 1, Integer::sum);
            }
            if (entry.path("step").asInt() == inFlightStep && !event.equals("progress")) {
                ofStep.add(event + (entry.has("outcome") ? " " + entry.get("outcome").asText() : ""));
                if (event.equals("reconciled")) {
                    note = entry.path("note").asText();
                }
            }
        }
        boolean recordedDone = ofStep.contains("reconciled done");
        assertThat(ofStep).as("%s's step in b's journal:\n%s", inFlight, String.join("\n", journal))
                .containsSubsequence(recordedDone ? List.of("start", "reconciled done")
                        : List.of("start", "reconciled not-done", "start", "done"));
        assertThat(note).as("the reconciliation's note").contains(inFlight + " " + busy + " -> "
                + destinations.get(inFlight) + " was still migrating when this run began: waited");
        assertThat(starts.get(inFlight)).as("starts of %s's migration", inFlight).isEqualTo(recordedDone ? 1 : 2);
        assertThat(ended.get("state").asText()).as("%s", ended).isEqualTo("succeeded");
        if (recordedDone) {
            assertThat(ended.path("reason").asText()).contains("1 done by an earlier run");
        }
        for (Map.Entry<String, String> move : destinations.entrySet()) {
            assertThat(placements.now(move.getKey())).as("where %s runs at the end", move.getKey())
                    .isEqualTo(move.getValue());
            Testbed.awaitGrowth(move.getValue(), move.getKey(), 3);
        }
        List<String> aJournal = Files.readAllLines(dir.resolve("data-a/runs/plan-" + id + ".journal.jsonl"));
        assertThat(aJournal.stream().filter(line -> line.contains("\"event\":\"start\"")))
                .as("migrations the hung service started: the one it hung in, none after it resumed").hasSize(1);
        System.out.printf("testbed hung holder (SIGSTOP mid-migration of %s, %s -> %s, at %s): b took the lease %.1f s"
                + " after the stop; while a was stopped: %s; a resumed, b's run ended %.1f s later; %s's step: %s;"
                + " note: %s; plan %s (%s); polls %d, with a guest on two hosts: %d%n", inFlight, busy,
                destinations.get(inFlight), caught, takeOver.toMillis() / 1000.0, whileHung,
                resumedToEnd.toMillis() / 1000.0, inFlight, ofStep, note, ended.get("state").asText(),
                ended.path("reason").asText(), placements.polls.get(), placements.onTwo.size());
    }

    // ------------------------------------------------------------------ libvirt's word

    /** The evacuation plan the lease holder recommends: its host, guests, their destinations and steps. */
    private record Evacuation(String busy, List<String> guests, ServeProcess holder, ServeProcess standby, long plan,
            Map<String, String> destinations, Map<Integer, String> vmOfStep) {
    }

    /**
     * The busiest host's guests slowed to {@link #SLOW_MIBPS}; two services on a new database,
     * {@code a} up first and holding the lease, the placements polled from then on; {@code b} asks
     * for that host's maintenance, and {@code a} recommends the evacuation.
     */
    private Evacuation recommendEvacuation() throws Exception {
        String busy = busiestHost();
        List<String> guests = Testbed.runningGuests(busy);
        assertThat(guests).as("guests on %s", busy).hasSizeGreaterThanOrEqualTo(2);
        for (String guest : guests) {
            virsh(busy, "migrate-setspeed", guest, Integer.toString(SLOW_MIBPS));
        }
        ServiceConfig.Store store = PostgresServer.shared().createDatabase();
        ServeProcess.writeToken(dir.resolve("token"), TOKEN);
        ServeProcess a = serve("a", store);
        assertThat(a.lease().get("held").asBoolean()).as("the first service up takes the lease").isTrue();
        ServeProcess b = serve("b", store);
        assertThat(b.lease().get("held").asBoolean()).isFalse();
        placements = new Placements(guests);
        placements.start();

        b.put("/api/v1/hosts/" + busy + "/maintenance");
        JsonNode recommended = await("a recommended evacuation plan", () -> {
            for (JsonNode plan : a.get("/api/v1/plans?state=recommended")) {
                if (plan.get("job").asText().equals("maintenance")) {
                    return plan;
                }
            }
            return null;
        });
        long id = recommended.get("id").asLong();
        Map<String, String> destinations = new LinkedHashMap<>();
        Map<Integer, String> vmOfStep = new TreeMap<>();
        for (JsonNode step : a.get("/api/v1/plans/" + id).get("plan").get("steps")) {
            destinations.put(step.get("vm").asText(), step.get("to").asText());
            vmOfStep.put(vmOfStep.size() + 1, step.get("vm").asText());
        }
        return new Evacuation(busy, guests, a, b, id, destinations, vmOfStep);
    }

    /** Polls {@code virsh list --state-running} on both hosts until stopped, noting any guest on two hosts or none. */
    private static final class Placements extends Thread {

        final List<String> onTwo = new CopyOnWriteArrayList<>();
        final List<String> onNone = new CopyOnWriteArrayList<>();
        final AtomicInteger polls = new AtomicInteger();
        private final List<String> guests;
        private final Map<String, List<String>> latest = new ConcurrentHashMap<>();
        private final AtomicBoolean stopping = new AtomicBoolean();

        Placements(List<String> guests) {
            super("placements");
            this.guests = guests;
            setDaemon(true);
            poll();
        }

        @Override
        public void run() {
            while (!stopping.get()) {
                poll();
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        private void poll() {
            Map<String, List<String>> where = new TreeMap<>();
            for (String host : HOSTS) {
                for (String vm : running(host)) {
                    where.computeIfAbsent(vm, v -> new ArrayList<>()).add(host);
                }
            }
            polls.incrementAndGet();
            for (String vm : guests) {
                List<String> hosts = where.getOrDefault(vm, List.of());
                latest.put(vm, hosts);
                if (hosts.size() > 1 && stillOnAll(vm, hosts)) {
                    onTwo.add(vm + " on " + hosts);
                } else if (hosts.isEmpty()) {
                    onNone.add(vm);
                }
            }
        }

        /**
         * Asks the hosts again in the reverse order: the hosts are asked one after the other, so a
         * migration that hands over between the two answers shows the guest on both once; a guest
         * that truly runs on two hosts still does, whatever the order.
         */
        private static boolean stillOnAll(String vm, List<String> hosts) {
            List<String> reversed = new ArrayList<>(hosts);
            Collections.reverse(reversed);
            return reversed.stream().allMatch(host -> running(host).contains(vm));
        }

        /** The one host the guest runs on at the last poll, or a description of where it does not. */
        String now(String vm) {
            poll();
            List<String> hosts = latest.get(vm);
            return hosts.size() == 1 ? hosts.get(0) : "running on " + hosts;
        }

        void stopPolling() throws InterruptedException {
            stopping.set(true);
            join(10_000);
        }

        private static List<String> running(String host) {
            return Testbed.run(List.of("virsh", "-q", "-c", Testbed.uri(host), "list", "--state-running", "--name"), 30)
                    .lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        }
    }

    /** True while libvirt runs a job (the migration) on the guest on that host; false when it has no such guest. */
    private static boolean migrating(String host, String vm) throws IOException, InterruptedException {
        return domain(host, "domjobinfo", vm).lines()
                .anyMatch(line -> line.startsWith("Job type:") && !line.contains("None"));
    }

    /** How far libvirt's job on the guest has gone: its data processed and remaining. */
    private static String progress(String host, String vm) throws IOException, InterruptedException {
        List<String> figures = new ArrayList<>();
        for (String line : domain(host, "domjobinfo", vm).lines().toList()) {
            if (line.startsWith("Data processed:") || line.startsWith("Data remaining:")) {
                figures.add(line.replaceAll("\\s+", " ").toLowerCase(Locale.ROOT));
            }
        }
        return String.join(", ", figures);
    }

    /** The MiB a job's progress says were sent; 0 before QEMU sends anything. */
    private static double processedMiB(String progress) {
        Matcher m = PROCESSED.matcher(progress);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    /** The guest's state on each host, with libvirt's reason ({@code paused (migration)}), or that it has none. */
    private static String states(String vm) throws IOException, InterruptedException {
        List<String> states = new ArrayList<>();
        for (String host : HOSTS) {
            String state = domain(host, "domstate", "--reason", vm).strip();
            states.add(host + ": " + (state.isEmpty() ? "no domain" : state));
        }
        return String.join(", ", states);
    }

    /** What virsh says of a domain; empty when the host has no domain of that name. */
    private static String domain(String host, String command, String... args) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of("virsh", "-q", "-c", Testbed.uri(host), command));
        line.addAll(List.of(args));
        Process process = new ProcessBuilder(line).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("%s answering", line).isTrue();
        return process.exitValue() == 0 ? out : "";
    }

    private static void virsh(String host, String... args) {
        List<String> command = new ArrayList<>(List.of("virsh", "-q", "-c", Testbed.uri(host)));
        command.addAll(List.of(args));
        Testbed.run(command, 30);
    }

    private static String busiestHost() {
        String busiest = null;
        int most = -1;
        for (String host : HOSTS) {
            int guests = Testbed.runningGuests(host).size();
            if (guests > most) {
                busiest = host;
                most = guests;
            }
        }
        return busiest;
    }

    // ------------------------------------------------------------------ the two services

    /** Starts service {@code name} on its own port and data directory, with the store and cluster the other has. */
    private ServeProcess serve(String name, ServiceConfig.Store store) throws Exception {
        ServeProcess service = ServeProcess.startOnFreePort(dir, name, port -> serviceFile(name, port, store), TOKEN,
                AWAIT);
        services.add(service);
        return service;
    }

    private String serviceFile(String name, int port, ServiceConfig.Store store) {
        return """
                apiVersion: ballast/v1
                kind: Service
                cluster: %s
                dataDir: data-%s
                store:
                  url: "%s"
                  user: %s
                  passwordFile: %s
                  lease: {duration: %ds, renewEvery: %ds}
                http: {listen: "127.0.0.1:%d", tokenFile: token}
                collect: {interval: 2s}
                jobs: [{name: balance, policy: balance}]
                """.formatted(clusterFile, name, store.url(), store.user(), store.passwordFile(), LEASE.toSeconds(),
                RENEW_EVERY.toSeconds(), port);
    }

    private static <T> T await(String what, Poll.Probe<T> probe) throws Exception {
        return Poll.until(AWAIT, what, probe);
    }
}
