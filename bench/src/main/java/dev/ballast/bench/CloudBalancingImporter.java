package dev.ballast.bench;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Demand;
import dev.ballast.model.Host;
import dev.ballast.model.HostState;
import dev.ballast.model.Power;
import dev.ballast.model.Resources;
import dev.ballast.model.Vm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads an OptaPlanner cloud-balancing data set ({@code Ncomputers-Mprocesses.json}) as a
 * cluster to consolidate: every computer a host, every process a new VM to place.
 *
 * <p>A computer's capacity maps one to one (cpuPower cores, memory MiB, networkBandwidth Mb/s)
 * and its cost becomes its power draw, idle and maximum alike, so that the watts a plan keeps on
 * are the data set's soft score negated. Hosts have no storage or bridges and VMs need none:
 * the data sets' only hard rule is capacity. A process's current computer, if any, is ignored:
 * every VM starts unplaced, so no migration is priced.
 */
public final class CloudBalancingImporter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CloudBalancingImporter() {
    }

    /** @throws BenchInputException naming the file and, for a bad field, its path in the file */
    public static ClusterSnapshot read(Path file) throws BenchInputException {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (JacksonException e) {
            throw new BenchInputException(file + ": not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new BenchInputException(file + ": cannot be read: " + e.getMessage(), e);
        }
        return parse(root, file.toString());
    }

    static ClusterSnapshot parse(JsonNode root, String source) throws BenchInputException {
        List<Host> hosts = new ArrayList<>();
        for (Field computer : Field.list(root, "computerList", source)) {
            hosts.add(host(computer));
        }
        List<Vm> vms = new ArrayList<>();
        for (Field process : Field.list(root, "processList", source)) {
            vms.add(vm(process));
        }
        return new ClusterSnapshot(hosts, vms, List.of());
    }

    private static Host host(Field computer) throws BenchInputException {
        double cost = computer.number("cost");
        Resources capacity = new Resources(computer.number("cpuPower"), (long) computer.number("memory"),
                computer.number("networkBandwidth"));
        return new Host("computer-" + computer.id(), HostState.ACTIVE, capacity, null, Set.of(), Set.of(), null,
                new Power(cost, cost), null);
    }

    private static Vm vm(Field process) throws BenchInputException {
        double cpu = process.number("requiredCpuPower");
        int vcpus = (int) Math.max(1, Math.ceil(cpu));
        return new Vm("process-" + process.id(), null, (long) process.number("requiredMemory"), vcpus,
                new Demand(cpu, process.number("requiredNetworkBandwidth")), null, null, Set.of(), false);
    }

    /** One element of a list in the file, with its path for messages. */
    private record Field(JsonNode node, String path, String source) {

        static List<Field> list(JsonNode root, String name, String source) throws BenchInputException {
            JsonNode list = root.get(name);
            if (list == null || !list.isArray()) {
                throw new BenchInputException(source + ": " + name + ": missing or not a list");
            }
            List<Field> fields = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                fields.add(new Field(list.get(i), name + "[" + i + "]", source));
            }
            return fields;
        }

        double number(String name) throws BenchInputException {
            JsonNode value = node.get(name);
            if (value == null || !value.isNumber() || value.asDouble() < 0) {
                throw new BenchInputException(source + ": " + path + "." + name + ": must be a number >= 0, got "
                        + (value == null ? "nothing" : value));
            }
            return value.asDouble();
        }

        String id() throws BenchInputException {
            return String.valueOf((long) number("id"));
        }
    }
}
