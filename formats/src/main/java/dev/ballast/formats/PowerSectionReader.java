package dev.ballast.formats;

import dev.ballast.model.Power;
import dev.ballast.model.PowerControl;
import dev.ballast.model.PowerControl.Ipmi;
import dev.ballast.model.PowerControl.Ssh;
import dev.ballast.model.SecretFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a host's {@code power} section of a Cluster file: its power figures (copied to the
 * snapshot) and, with a {@code type}, the driver that switches it on and off:
 * <pre>
 * power: {idleWatts: 180, maxWatts: 450, type: ipmi, address: 10.0.0.11, user: ballast,
 *         passwordFile: /etc/ballast/bmc-01.pw, timeout: 60s}
 * </pre>
 * Each type has its own fields and refuses the others'; see docs/power.md. Files are resolved
 * against the cluster file's directory; a password file must pass {@link SecretFile} now, and
 * again each time a driver uses it.
 */
final class PowerSectionReader {

    /** What a power section holds: either part may be absent (null), not both. */
    record Section(Power watts, PowerControl control) {
    }

    static final String[] TYPES = {"ipmi", "redfish", "wol", "command", "testbed"};
    private static final String[] COMMON = {"type", "timeout", "idleWatts", "maxWatts"};
    private static final String[] IPMI = {"address", "port", "user", "passwordFile", "cipherSuite"};
    private static final String[] REDFISH = {"address", "port", "user", "passwordFile", "systemsUri", "sslInsecure",
        "caFile"};
    private static final String[] WOL = {"mac", "broadcast", "port", "ssh", "ipmi"};
    private static final String[] COMMAND = {"on", "off", "status"};
    private static final String[] TESTBED = {"script", "directory", "name"};
    private static final String[] SSH = {"address", "port", "user", "identityFile"};

    private static final Pattern MAC = Pattern.compile("[0-9A-Fa-f]{2}([:-][0-9A-Fa-f]{2}){5}");
    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    /** IPMI 2.0 defines cipher suites 0 to 17 (ipmitool: -C). */
    private static final Bound CIPHER_SUITE = new Bound("must be >= 0 and <= 17", v -> v >= 0 && v <= 17);
    private static final Bound PORT = new Bound("must be >= 1 and <= 65535", v -> v >= 1 && v <= 65_535);
    /** A tool that needs more than an hour to switch a host is broken, not slow. */
    private static final Duration MAX_TIMEOUT = Duration.ofHours(1);

    private PowerSectionReader() {
    }

    /** The section; null when absent or when it has problems (reported). */
    static Section read(NodeReader power, Path directory, Problems problems) {
        if (power == null) {
            return null;
        }
        int mark = problems.count();
        String type = power.choice("type", TYPES, t -> t, null, false);
        power.allowOnly(known(type));
        Power watts = power.has("idleWatts") || power.has("maxWatts") ? HostReader.watts(power) : null;
        PowerControl control = type == null ? null : control(type, power, directory);
        return problems.addedSince(mark) ? null : new Section(watts, control);
    }

    private static String[] known(String type) {
        List<String> known = new ArrayList<>(Arrays.asList(COMMON));
        if (type != null) {
            known.addAll(Arrays.asList(fieldsOf(type)));
        }
        return known.toArray(String[]::new);
    }

    private static String[] fieldsOf(String type) {
        return switch (type) {
            case "ipmi" -> IPMI;
            case "redfish" -> REDFISH;
            case "wol" -> WOL;
            case "command" -> COMMAND;
            default -> TESTBED;
        };
    }

    private static PowerControl control(String type, NodeReader power, Path directory) {
        Duration timeout = timeout(power);
        return switch (type) {
            case "ipmi" -> ipmi(power, directory, timeout);
            case "redfish" -> redfish(power, directory, timeout);
            case "wol" -> wakeOnLan(power, directory, timeout);
            case "command" -> command(power, timeout);
            default -> testbed(power, directory, timeout);
        };
    }

    private static Duration timeout(NodeReader power) {
        Duration timeout = power.duration("timeout", PowerControl.DEFAULT_TIMEOUT);
        if (timeout != null && (timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0)) {
            power.report("timeout", "must be more than 0 and at most 1h, e.g. 60s, got " + Durations.format(timeout));
            return null;
        }
        return timeout;
    }

    private static Ipmi ipmi(NodeReader node, Path directory, Duration timeout) {
        String address = word(node, "address", true);
        Integer port = node.integer("port", null, PORT, false);
        String user = word(node, "user", true);
        Path passwordFile = secretFile(node, "passwordFile", directory);
        Integer cipherSuite = node.integer("cipherSuite", null, CIPHER_SUITE, false);
        return address == null || user == null || passwordFile == null || timeout == null
                || node.has("port") && port == null || node.has("cipherSuite") && cipherSuite == null ? null
                : new Ipmi(address, port, user, passwordFile, cipherSuite, timeout);
    }

    private static PowerControl.Redfish redfish(NodeReader node, Path directory, Duration timeout) {
        String address = word(node, "address", true);
        Integer port = node.integer("port", null, PORT, false);
        String user = word(node, "user", true);
        Path passwordFile = secretFile(node, "passwordFile", directory);
        String systemsUri = word(node, "systemsUri", false);
        if (systemsUri != null && !systemsUri.startsWith("/")) {
            node.report("systemsUri", "expected a path on the BMC such as /redfish/v1/Systems/1, got "
                    + quoted(systemsUri));
            return null;
        }
        Boolean insecure = node.flag("sslInsecure", false);
        Path caFile = file(node, "caFile", directory, false);
        if (insecure != null && insecure && caFile != null) {
            node.report("caFile", "give sslInsecure (accept any certificate) or caFile (check it), not both");
            return null;
        }
        return address == null || user == null || passwordFile == null || insecure == null || timeout == null
                || node.has("port") && port == null || node.has("caFile") && caFile == null ? null
                : new PowerControl.Redfish(address, port, user, passwordFile, systemsUri, insecure, caFile, timeout);
    }

    private static PowerControl.WakeOnLan wakeOnLan(NodeReader node, Path directory, Duration timeout) {
        String mac = node.requiredText("mac");
        if (mac != null && !MAC.matcher(mac).matches()) {
            node.report("mac", "expected a MAC address such as 52:54:00:12:34:56, got " + quoted(mac));
            mac = null;
        }
        String broadcast = node.text("broadcast");
        if (broadcast != null && !IPV4.matcher(broadcast).matches()) {
            node.report("broadcast", "expected an IPv4 address such as 198.18.0.255, got " + quoted(broadcast));
            broadcast = null;
        }
        Integer port = node.integer("port", null, PORT, false);
        if (node.has("ssh") == node.has("ipmi")) {
            node.report("give how the host is switched off: ssh (systemctl poweroff) or ipmi, one of them");
            return null;
        }
        Ssh ssh = ssh(node.object("ssh", false), directory);
        NodeReader ipmiNode = node.object("ipmi", false);
        Ipmi ipmi = null;
        if (ipmiNode != null) {
            ipmiNode.allowOnly(IPMI);
            ipmi = ipmi(ipmiNode, directory, timeout);
        }
        return mac == null || timeout == null || node.has("broadcast") && broadcast == null
                || node.has("port") && port == null || ssh == null && ipmi == null ? null
                : new PowerControl.WakeOnLan(mac, broadcast, port, ssh, ipmi, timeout);
    }

    private static Ssh ssh(NodeReader ssh, Path directory) {
        if (ssh == null) {
            return null;
        }
        ssh.allowOnly(SSH);
        String address = word(ssh, "address", true);
        Integer port = ssh.integer("port", null, PORT, false);
        String user = word(ssh, "user", false);
        Path identity = file(ssh, "identityFile", directory, false);
        return address == null || ssh.has("port") && port == null || ssh.has("user") && user == null
                || ssh.has("identityFile") && identity == null ? null : new Ssh(address, port, user, identity);
    }

    private static PowerControl.Command command(NodeReader node, Duration timeout) {
        List<String> on = argv(node, "on");
        List<String> off = argv(node, "off");
        List<String> status = argv(node, "status");
        return on == null || off == null || status == null || timeout == null ? null
                : new PowerControl.Command(on, off, status, timeout);
    }

    /** A command as an argument list: at least the program, every entry a string. */
    private static List<String> argv(NodeReader node, String field) {
        if (!node.has(field)) {
            node.report(field, "required: the command as a list, e.g. [/usr/local/bin/pdu, outlet, \"7\", " + field + "]");
            return null;
        }
        if (node.isEmptyList(field)) {
            node.report(field, "must name at least the program to run");
            return null;
        }
        List<String> argv = node.texts(field, true);
        if (argv.isEmpty() || argv.contains(null)) {
            return null;
        }
        if (argv.get(0).isBlank()) {
            node.report(field, "the program (the first entry) must not be empty");
            return null;
        }
        return argv;
    }

    private static PowerControl.Testbed testbed(NodeReader node, Path directory, Duration timeout) {
        Path script = file(node, "script", directory, true);
        if (script != null && !Files.isExecutable(script)) {
            node.report("script", script + ": not executable");
            script = null;
        }
        String dir = node.text("directory");
        String name = word(node, "name", false);
        return script == null || timeout == null || node.has("name") && name == null ? null
                : new PowerControl.Testbed(script, dir == null ? null : directory.resolve(dir), name, timeout);
    }

    /**
     * A value passed to a tool as one argument (an address, a user): not empty, no spaces or
     * control characters, and no leading '-', which the tool would read as an option.
     */
    private static String word(NodeReader node, String field, boolean required) {
        String text = required ? node.requiredText(field) : node.text(field);
        if (text == null) {
            return null;
        }
        if (text.isEmpty() || text.startsWith("-") || text.codePoints().anyMatch(c -> Character.isWhitespace(c)
                || Character.isISOControl(c) || Printable.isHidden(c))) {
            node.report(field, "expected one word, not empty, without spaces or control characters, not starting"
                    + " with '-', got " + quoted(text));
            return null;
        }
        return text;
    }

    private static Path secretFile(NodeReader node, String field, Path directory) {
        Path file = file(node, field, directory, true);
        if (file == null) {
            return null;
        }
        Optional<String> problem = SecretFile.problemWith(file);
        if (problem.isPresent()) {
            node.report(field, problem.get());
            return null;
        }
        return file;
    }

    /** A file that must exist, resolved against the cluster file's directory. */
    private static Path file(NodeReader node, String field, Path directory, boolean required) {
        String text = required ? node.requiredText(field) : node.text(field);
        if (text == null) {
            return null;
        }
        if (text.isBlank() || Printable.firstHidden(text) >= 0) {
            node.report(field, "expected a file name, got " + quoted(text));
            return null;
        }
        Path file = directory.resolve(text).toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            node.report(field, file + ": no such file");
            return null;
        }
        return file;
    }

    private static String quoted(String text) {
        return NodeReader.describe(new com.fasterxml.jackson.databind.node.TextNode(text));
    }
}
