package dev.ballast.formats;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Group;
import dev.ballast.model.Host;
import dev.ballast.model.Vm;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@code ballast/v1 ClusterSnapshot} from JSON or YAML and validates it: field types
 * and ranges, unique names, references between hosts, VMs and groups, and VMs no host could
 * hold. All problems are reported at once, each with its path; see {@code docs/snapshot.md}.
 *
 * <p>It checks what makes a snapshot meaningless, not what makes it unplannable under a given
 * policy (limits, group rules): that is the hard rules' job.
 */
public final class SnapshotReader {

    static final String KIND = "ClusterSnapshot";

    private SnapshotReader() {
    }

    public static ClusterSnapshot read(Path file) throws InputException {
        return read(Document.read(file));
    }

    /** @param source the name to report problems under, usually the file name */
    public static ClusterSnapshot parse(String text, String source) throws InputException {
        return read(Document.parse(text, source));
    }

    /** A snapshot from a file already parsed, e.g. by {@code validate}, which reads a file's kind first. */
    public static ClusterSnapshot read(Document document) throws InputException {
        String source = document.source();
        Problems problems = new Problems();
        NodeReader root = Documents.open(document, KIND, problems);
        root.allowOnly("apiVersion", "kind", "hosts", "vms", "groups");
        ClusterSnapshot snapshot = new Pass(problems).read(root);
        problems.throwIfAny(source);
        return snapshot;
    }

    /** One reading of one file: hosts first, then the VMs that refer to them, then the groups. */
    private static final class Pass {

        private final Problems problems;
        private final Names hostNames = new Names("host");
        private Names vmNames = new Names("VM");
        private final Names groupNames = new Names("group");

        Pass(Problems problems) {
            this.problems = problems;
        }

        ClusterSnapshot read(NodeReader root) {
            List<Entry<Host>> hosts = hosts(root);
            List<Entry<Vm>> vms = vms(root, hosts);
            List<Entry<Group>> groups = groups(root);
            checkFit(hosts, vms);
            new GroupCheck(problems).check(hosts, vms, groups);
            return new ClusterSnapshot(valid(hosts), valid(vms), valid(groups));
        }

        private List<Entry<Host>> hosts(NodeReader root) {
            List<Entry<Host>> hosts = new ArrayList<>();
            for (NodeReader host : root.objects("hosts", true)) {
                Entry<Host> entry = HostReader.read(host, problems);
                hostNames.claim(entry.name(), entry.path(), problems);
                hosts.add(entry);
            }
            if (root.isEmptyList("hosts")) {
                root.report("hosts", "must list at least one host");
            }
            return hosts;
        }

        private List<Entry<Vm>> vms(NodeReader root, List<Entry<Host>> hosts) {
            Map<String, Host> validHosts = new LinkedHashMap<>();
            for (Host host : valid(hosts)) {
                validHosts.putIfAbsent(host.name(), host);
            }
            VmReader reader = new VmReader(hostNames, validHosts, problems);
            List<NodeReader> entries = root.objects("vms", false);
            vmNames = new Names("VM", entries.size());
            List<Entry<Vm>> vms = new ArrayList<>(entries.size());
            for (NodeReader vm : entries) {
                Entry<Vm> entry = reader.read(vm);
                vmNames.claim(entry.name(), entry.path(), problems);
                vms.add(entry);
            }
            return vms;
        }

        private List<Entry<Group>> groups(NodeReader root) {
            List<Entry<Group>> groups = new ArrayList<>();
            for (NodeReader group : root.objects("groups", false)) {
                Entry<Group> entry = GroupReader.read(group, vmNames, problems);
                groupNames.claim(entry.name(), entry.path(), problems);
                groups.add(entry);
            }
            return groups;
        }

        // Only meaningful when every host was read: "the largest host" of a partial list would mislead.
        private void checkFit(List<Entry<Host>> hosts, List<Entry<Vm>> vms) {
            if (hosts.isEmpty() || !hosts.stream().allMatch(Entry::isValid)) {
                return;
            }
            List<Entry<Vm>> valid = vms.stream().filter(Entry::isValid).toList();
            List<Fit.Need> needs = valid.stream().map(vm -> Fit.Need.of(vm.value())).toList();
            Map<Integer, String> why = Fit.whyNowhere(needs, valid(hosts));
            for (int i = 0; i < valid.size(); i++) {
                if (why.containsKey(i)) {
                    problems.add(valid.get(i).path(), why.get(i));
                }
            }
        }
    }

    private static <T> List<T> valid(List<Entry<T>> entries) {
        return entries.stream().filter(Entry::isValid).map(Entry::value).toList();
    }
}
