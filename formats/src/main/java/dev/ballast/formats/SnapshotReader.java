package dev.ballast.formats;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Group;
import dev.ballast.model.Host;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    private static final String[] FIELDS = {"apiVersion", "kind", "hosts", "vms", "groups"};

    private SnapshotReader() {
    }

    public static ClusterSnapshot read(Path file) throws InputException {
        return read(Document.read(file));
    }

    /** @param source the name to report problems under, usually the file name */
    public static ClusterSnapshot parse(String text, String source) throws InputException {
        return read(Document.parse(text, source));
    }

    /** A snapshot from a file already read, e.g. by {@code plan}. */
    public static ClusterSnapshot read(Document document) throws InputException {
        Pass pass = pass(document, new VmsLoaded());
        return new ClusterSnapshot(valid(pass.hosts), ((VmsLoaded) pass.vms).valid(), valid(pass.groups));
    }

    /** How many hosts, VMs and groups a valid snapshot holds. */
    public record Counts(int hosts, int vms, int groups) {
    }

    /**
     * Checks a snapshot as {@link #read} does, with every problem and message the same, but keeps
     * of its VMs only what the checks across them need: for {@code validate}, which reads a file's
     * kind first and drops what it read.
     */
    public static Counts check(Document document) throws InputException {
        Pass pass = pass(document, new VmsChecked());
        return new Counts(pass.hosts.size(), pass.vms.validCount(), pass.groups.size());
    }

    /** The file read and checked, its VMs kept by {@code vms}. */
    private static Pass pass(Document document, VmsRead vms) throws InputException {
        String source = document.source();
        Pass pass = new Pass(source, vms);
        if (!document.isStreamed()) {
            JsonNode root = document.root(KIND);
            if (!root.isObject()) {
                throw Documents.notAnObject(source, KIND, root);
            }
            pass.read((ObjectNode) root);
            return pass;
        }
        try (JsonParser parser = document.parser()) {
            ObjectNode fields;
            try {
                fields = pass.stream(parser);
            } catch (InputException e) {
                throw document.stoppedAt(parser, e);
            }
            pass.read(fields);
            return pass;
        } catch (JsonProcessingException e) {
            throw document.parseFailure(e);
        } catch (IOException e) {
            throw document.readFailure(e);
        }
    }

    /**
     * One reading of one file. A parsed file is read from its tree. A streamed one is read as it
     * streams by: the root's fields are kept as a tree, except the VMs, each read and checked as
     * it comes when the hosts it refers to are known, as in every file Ballast writes (else the
     * list is kept as a tree and read at the end). Problems are reported in the order of the
     * schema, whatever the order of the file: header, unknown fields, hosts, VMs, groups, then
     * the checks across them.
     */
    private static final class Pass {

        private final String source;
        private final Problems problems = new Problems();
        private final Problems hostProblems = new Problems();
        private final Problems vmProblems = new Problems();
        /** Entries of a streamed VM list that are not objects: the text reader reports them before any VM's own. */
        private final Problems vmListProblems = new Problems();
        private final Names hostNames = new Names("host");
        /** The VM names: a {@link Names} for VMs read from a tree, checked as they come; else a {@link StreamedNames}. */
        private NameSet vmNames;
        private final Names groupNames = new Names("group");
        private List<Entry<Host>> hosts;
        /** Where the VMs go as they are read; set to null until they are. */
        private final VmsRead keeper;
        private VmsRead vms;
        private List<Entry<Group>> groups;

        Pass(String source, VmsRead keeper) {
            this.source = source;
            this.keeper = keeper;
        }

        /**
         * Reads what is left and checks across hosts, VMs and groups, throwing every problem found.
         *
         * @param fields the root's fields; those of hosts and VMs only if not read yet from the stream
         */
        void read(ObjectNode fields) throws InputException {
            NodeReader root = NodeReader.root(fields, problems);
            Documents.checkHeader(root, source, KIND, problems);
            root.allowOnly(FIELDS);
            if (hosts == null) {
                hosts = hosts(NodeReader.root(fields, hostProblems));
            }
            if (vms == null) {
                vms = keeper;
                VmReader reader = vmReader();
                Names names = new Names("VM");
                vmNames = names;
                for (NodeReader vm : NodeReader.root(fields, vmProblems).objects("vms", false)) {
                    names.claim(reader.read(vm, vm.index(), vms), vmProblems);
                }
            }
            problems.addAll(hostProblems);
            problems.addAll(vmListProblems);
            problems.addAll(vmProblems);
            groups = groups(root);
            checkFit(hosts, vms);
            new GroupCheck(problems).check(hosts, vms, groups);
            problems.throwIfAny(source);
        }

        /** Reads the hosts and the VMs of a streamed file as they come; the root's other fields, for {@link #read}. */
        ObjectNode stream(JsonParser parser) throws IOException, InputException {
            JsonToken first = parser.nextToken();
            if (first == null || first == JsonToken.VALUE_NULL) {
                throw Documents.empty(source, KIND);
            }
            if (first != JsonToken.START_OBJECT) {
                throw Documents.notAnObject(source, KIND, parser.readValueAsTree());
            }
            ObjectNode fields = JsonNodeFactory.instance.objectNode();
            Set<String> seen = new HashSet<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                if (!seen.add(field)) {
                    throw StreamedValue.duplicate(parser, field);
                }
                if (parser.nextToken() == JsonToken.START_ARRAY && field.equals("vms") && hosts != null) {
                    vms = streamVms(parser, fields);
                    continue;
                }
                fields.set(field, StreamedValue.read(parser));
                if (field.equals("hosts")) {
                    hosts = hosts(NodeReader.root(fields, hostProblems));
                }
            }
            if (parser.nextToken() != null) {
                throw Documents.trailingContent(source, parser);
            }
            return fields;
        }

        private List<Entry<Host>> hosts(NodeReader root) {
            List<Entry<Host>> read = new ArrayList<>();
            for (NodeReader host : root.objects("hosts", true)) {
                Entry<Host> entry = HostReader.read(host, hostProblems);
                hostNames.claim(entry, hostProblems);
                read.add(entry);
            }
            if (root.isEmptyList("hosts")) {
                root.report("hosts", "must list at least one host");
            }
            return read;
        }

        // Each VM is read from its tokens (StreamedVm), or as a tree of its own when it has
        // something to report, dropped once read: the list as a whole is never held.
        private VmsRead streamVms(JsonParser parser, ObjectNode fields) throws IOException {
            VmReader reader = vmReader();
            StreamedVm tokens = new StreamedVm(reader);
            NodeReader root = NodeReader.root(fields, vmProblems);
            NodeReader list = NodeReader.root(fields, vmListProblems);
            VmsRead read = keeper;
            StreamedNames names = new StreamedNames(read::nameAt);
            vmNames = names;
            // Where each VM's own problems end, for those with any: a duplicate name goes after them.
            List<int[]> ends = new ArrayList<>();
            for (int i = 0; parser.nextToken() != JsonToken.END_ARRAY; i++) {
                JsonNode value;
                if (parser.currentToken() == JsonToken.START_OBJECT) {
                    if (tokens.read(parser, i, read)) {
                        names.add(tokens.nameHash(), i);
                        continue;
                    }
                    value = tokens.tree();
                } else {
                    value = StreamedValue.read(parser);
                }
                NodeReader vm = (value.isObject() ? root : list).element(VmsRead.LIST, i, value);
                if (vm != null) {
                    Entry<String> entry = reader.read(vm, i, read);
                    names.add(entry.name(), i);
                    if (ends.isEmpty() || ends.get(ends.size() - 1)[1] < vmProblems.count()) {
                        ends.add(new int[] {i, vmProblems.count()});
                    }
                }
            }
            reportDuplicates(names.duplicates(), ends, read);
            return read;
        }

        /** Each duplicate name where {@link Names} would have reported it as it came: after its VM's own problems. */
        private void reportDuplicates(List<StreamedNames.Duplicate> duplicates, List<int[]> ends, VmsRead read) {
            int inserted = 0;
            int end = 0;
            for (StreamedNames.Duplicate duplicate : duplicates) {
                int at = 0;
                while (end < ends.size() && ends.get(end)[0] <= duplicate.index()) {
                    end++;
                }
                if (end > 0) {
                    at = ends.get(end - 1)[1];
                }
                vmProblems.insert(at + inserted++, VmsRead.path(duplicate.index()) + ".name", "duplicate VM name \""
                        + read.nameAt(duplicate.index()) + "\" (first used at " + VmsRead.path(duplicate.first()) + ")");
            }
        }

        private VmReader vmReader() {
            Map<String, Host> validHosts = new LinkedHashMap<>();
            for (Host host : valid(hosts)) {
                validHosts.putIfAbsent(host.name(), host);
            }
            return new VmReader(hostNames, validHosts, vmProblems);
        }

        private List<Entry<Group>> groups(NodeReader root) {
            List<Entry<Group>> groups = new ArrayList<>();
            for (NodeReader group : root.objects("groups", false)) {
                Entry<Group> entry = GroupReader.read(group, vmNames, problems);
                groupNames.claim(entry, problems);
                groups.add(entry);
            }
            return groups;
        }

        // Only meaningful when every host was read: "the largest host" of a partial list would mislead.
        private void checkFit(List<Entry<Host>> hosts, VmsRead vms) {
            if (hosts.isEmpty() || !hosts.stream().allMatch(Entry::isValid)) {
                return;
            }
            Map<Integer, String> why = Fit.whyNowhere(vms.needs(), valid(hosts));
            if (why.isEmpty()) {
                return;
            }
            int[] indexes = vms.validIndexes();
            for (int i = 0; i < indexes.length; i++) {
                if (why.containsKey(i)) {
                    problems.add(VmsRead.path(indexes[i]), why.get(i));
                }
            }
        }
    }

    private static <T> List<T> valid(List<Entry<T>> entries) {
        return entries.stream().filter(Entry::isValid).map(Entry::value).toList();
    }
}
