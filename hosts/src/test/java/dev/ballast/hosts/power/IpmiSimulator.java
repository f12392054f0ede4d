package dev.ballast.hosts.power;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A BMC on 127.0.0.1: OpenIPMI's {@code ipmi_sim} (Debian package {@code openipmi}) serving
 * IPMI 2.0 (RMCP+) on a UDP port of its own, with one admin user. Its chassis power is a small
 * script that keeps the state in a file: {@code set power 0|1} switches, {@code set shutdown 1}
 * (ipmitool's {@code soft}) switches off, as an OS answering the ACPI button would. Each call of
 * the script appends its arguments to {@code calls.log} and the command lines of the running
 * {@code ipmitool} processes to {@code cmdlines.log}: ipmitool waits for the answer while the
 * script runs, so its command line is there to be checked.
 *
 * <p>Fails with the reason when ipmi_sim is missing or does not start: the tests that use it
 * must not pass without it.
 */
public final class IpmiSimulator implements AutoCloseable {

    public static final String USER = "ballast";

    private final Path dir;
    private final int port;
    private final Process process;

    private IpmiSimulator(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /** Starts a simulated BMC whose admin {@link #USER} has {@code password}, its files in {@code dir}. */
    public static IpmiSimulator start(Path dir, String password) throws IOException, InterruptedException {
        Path program = Path.of("/usr/bin/ipmi_sim");
        if (!Files.isExecutable(program)) {
            throw new IllegalStateException("ipmi_sim is missing: install the Debian package openipmi (bin/test does)");
        }
        Files.createDirectories(dir.resolve("state"));
        int port = freeUdpPort();
        Path chassis = dir.resolve("chassis");
        Files.writeString(chassis, chassisScript(dir));
        Files.setPosixFilePermissions(chassis, PosixFilePermissions.fromString("rwx------"));
        Files.writeString(dir.resolve("power"), "1\n");
        Files.writeString(dir.resolve("lan.conf"), """
                name "ballast-test"
                set_working_mc 0x20
                  startlan 1
                    addr 127.0.0.1 %d
                    priv_limit admin
                    allowed_auths_callback none md2 md5 straight
                    allowed_auths_user none md2 md5 straight
                    allowed_auths_operator none md2 md5 straight
                    allowed_auths_admin none md2 md5 straight
                    guid a123456789abcdefa123456789abcdef
                  endlan
                  chassis_control "%s 0x20"
                  user 2 true "%s" "%s" admin 10 none md2 md5 straight
                """.formatted(port, chassis, USER, password));
        Files.writeString(dir.resolve("bmc.emu"), """
                mc_setbmc 0x20
                mc_add 0x20 0 no-device-sdrs 0x23 9 8 0x9f 0x1291 0xf02 persist_sdr
                mc_enable 0x20
                """);
        Process process = new ProcessBuilder(program.toString(), "-n", "-c", dir.resolve("lan.conf").toString(),
                "-f", dir.resolve("bmc.emu").toString(), "-s", dir.resolve("state").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("ipmi_sim.out").toFile()).start();
        IpmiSimulator simulator = new IpmiSimulator(dir, port, process);
        simulator.awaitListening(Duration.ofSeconds(10));
        return simulator;
    }

    private static String chassisScript(Path dir) {
        return """
                #!/bin/sh
                # ipmi_sim's chassis control: $1 the MC, $2 get|set|check, then parameter names (and values for set).
                dir='%s'
                echo "$*" >>"$dir/calls.log"
                for p in /proc/[0-9]*; do
                    line=$(tr '\\000' ' ' <"$p/cmdline" 2>/dev/null) || continue
                    case $line in ipmitool*) echo "$line" >>"$dir/cmdlines.log" ;; esac
                done
                op=$2
                shift 2
                case $op in
                    get)
                        for name in "$@"; do
                            [ "$name" = power ] && echo "power:$(cat "$dir/power")"
                        done ;;
                    set)
                        while [ $# -ge 2 ]; do
                            case $1 in
                                power) echo "$2" >"$dir/power" ;;
                                shutdown) [ "$2" = 1 ] && echo 0 >"$dir/power" ;;
                            esac
                            shift 2
                        done ;;
                esac
                exit 0
                """.formatted(dir);
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void awaitListening(Duration within) throws IOException, InterruptedException {
        String local = String.format(Locale.ROOT, "0100007F:%04X", port);
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("ipmi_sim exited with code " + process.exitValue() + ": "
                        + Files.readString(dir.resolve("ipmi_sim.out")));
            }
            if (Files.readAllLines(Path.of("/proc/net/udp")).stream().anyMatch(l -> l.contains(local))) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        throw new IllegalStateException("ipmi_sim is not listening on 127.0.0.1:" + port + " after " + within + ": "
                + Files.readString(dir.resolve("ipmi_sim.out")));
    }

    public int port() {
        return port;
    }

    /** Whether the simulated chassis is on. */
    public boolean isOn() throws IOException {
        return Files.readString(dir.resolve("power")).strip().equals("1");
    }

    /** Switches the simulated chassis, as someone at the machine would. */
    public void setOn(boolean on) throws IOException {
        Files.writeString(dir.resolve("power"), on ? "1\n" : "0\n");
    }

    /** The chassis control calls so far, e.g. {@code 0x20 set shutdown 1}. */
    public List<String> calls() throws IOException {
        Path log = dir.resolve("calls.log");
        return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
    }

    /** The ipmitool command lines seen while the BMC was being asked. */
    public List<String> ipmitoolCommandLines() throws IOException {
        Path log = dir.resolve("cmdlines.log");
        return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
