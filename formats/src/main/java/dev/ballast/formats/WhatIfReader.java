package dev.ballast.formats;

import dev.ballast.model.Demand;
import dev.ballast.model.VmShape;
import dev.ballast.model.WhatIf;
import dev.ballast.model.WhatIfCase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a {@code ballast/v1 WhatIf} scenario and validates it the way every other kind is: every
 * problem at once, each with its path ({@code cases[2].grow.cpu: must be > 0, got 0}). What needs
 * the snapshot (do the hosts named exist?) or the goals (is the policy known?) is checked by the
 * command that runs it, naming the same paths. See docs/what-if.md.
 */
public final class WhatIfReader {

    static final String KIND = "WhatIf";
    /** The fields that say what a case asks; a case gives exactly one. */
    static final String[] QUESTIONS = {"fail", "maintenance", "grow", "add", "fitMore", "policies"};
    /** Growth beyond a hundredfold is a typo (120 for 1.2), not a forecast. */
    private static final Bound FACTOR = new Bound("must be > 0 and <= 100", v -> v > 0 && v <= 100);
    /** Enough for any cluster Ballast plans; each new VM is planned, so the count costs time. */
    static final int MAX_NEW_VMS = 100_000;
    private static final Bound COUNT = Bound.positiveUpTo(MAX_NEW_VMS);
    private static final Bound MEMORY_MIB = Bound.positiveUpTo(Bound.MAX_MEMORY_MIB);
    private static final Bound VCPUS = Bound.positiveUpTo(Bound.MAX_COUNT);
    private static final Bound CPU = Bound.nonNegativeUpTo(Bound.MAX_CORES);
    private static final Bound NETWORK = Bound.nonNegativeUpTo(Bound.MAX_MBPS);

    private WhatIfReader() {
    }

    public static WhatIf read(Path file) throws InputException {
        return parse(Documents.readFile(file), file.toString());
    }

    /** @param source the name to report problems under, usually the file name */
    public static WhatIf parse(String text, String source) throws InputException {
        return read(Document.parse(text, source));
    }

    /** A scenario from a file already parsed, e.g. by {@code validate}. */
    public static WhatIf read(Document document) throws InputException {
        Problems problems = new Problems();
        NodeReader root = Documents.open(document, KIND, problems);
        root.allowOnly("apiVersion", "kind", "policy", "cases");
        String policy = root.text("policy");
        if (policy != null && (policy.isBlank() || Printable.firstHidden(policy) >= 0)) {
            root.report("policy", "expected a built-in policy name or a policy file, got "
                    + NodeReader.describe(new com.fasterxml.jackson.databind.node.TextNode(policy)));
        }
        if (root.isEmptyList("cases")) {
            root.report("cases", "empty; give at least one case");
        }
        List<WhatIfCase> cases = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (NodeReader node : root.objects("cases", true)) {
            WhatIfCase one = readCase(node, names);
            if (one != null) {
                cases.add(one);
            }
        }
        problems.throwIfAny(document.source());
        return new WhatIf(policy == null ? "balance" : policy, cases);
    }

    private static WhatIfCase readCase(NodeReader node, Set<String> names) {
        node.allowOnly("name", "fail", "maintenance", "grow", "add", "fitMore", "policies");
        String name = node.name("name", true);
        if (name != null && !names.add(name)) {
            node.report("name", "another case is named \"" + name + "\"; give each case its own name");
        }
        List<String> asked = new ArrayList<>();
        for (String question : QUESTIONS) {
            if (node.has(question)) {
                asked.add(question);
            }
        }
        if (asked.size() != 1) {
            node.report((asked.isEmpty() ? "" : "has " + String.join(" and ", asked) + "; ")
                    + "a case asks exactly one of: " + String.join(", ", QUESTIONS));
            return null;
        }
        WhatIfCase read = switch (asked.get(0)) {
            case "fail" -> fail(node, name);
            case "maintenance" -> maintenance(node, name);
            case "grow" -> grow(node, name);
            case "add" -> add(node, name);
            case "fitMore" -> fitMore(node, name);
            default -> compare(node, name);
        };
        return name == null ? null : read;
    }

    private static WhatIfCase fail(NodeReader node, String name) {
        if (node.isText("fail")) {
            if (!"any".equals(node.text("fail"))) {
                node.report("fail", "expected any, or a list of host names, got "
                        + NodeReader.describe(new com.fasterxml.jackson.databind.node.TextNode(node.text("fail"))));
                return null;
            }
            return name == null ? null : new WhatIfCase.Fail(name, List.of(), true);
        }
        List<String> hosts = hostList(node, "fail");
        return hosts == null || name == null ? null : new WhatIfCase.Fail(name, hosts, false);
    }

    private static WhatIfCase maintenance(NodeReader node, String name) {
        List<String> hosts = hostList(node, "maintenance");
        return hosts == null || name == null ? null : new WhatIfCase.Maintenance(name, hosts);
    }

    /** A non-empty list of distinct host names; null after reporting when it is not one. */
    private static List<String> hostList(NodeReader node, String field) {
        if (node.isEmptyList(field)) {
            node.report(field, "empty; name at least one host");
            return null;
        }
        List<String> hosts = node.names(field, true);
        if (hosts.isEmpty() || hosts.contains(null)) {
            return null; // reported by names()
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < hosts.size(); i++) {
            if (!seen.add(hosts.get(i))) {
                node.report(field, "names " + hosts.get(i) + " twice");
                return null;
            }
        }
        return hosts;
    }

    private static WhatIfCase grow(NodeReader node, String name) {
        NodeReader grow = node.object("grow", true);
        if (grow == null) {
            return null;
        }
        grow.allowOnly("cpu", "memory", "network");
        if (!grow.has("cpu") && !grow.has("memory") && !grow.has("network")) {
            grow.report("give at least one factor: cpu, memory or network (1.2 for 20% more)");
            return null;
        }
        Double cpu = grow.decimal("cpu", 1.0, FACTOR);
        Double memory = grow.decimal("memory", 1.0, FACTOR);
        Double network = grow.decimal("network", 1.0, FACTOR);
        return cpu == null || memory == null || network == null || name == null ? null
                : new WhatIfCase.Grow(name, cpu, memory, network);
    }

    private static WhatIfCase add(NodeReader node, String name) {
        NodeReader add = node.object("add", true);
        if (add == null) {
            return null;
        }
        add.allowOnly("count", "vm");
        Integer count = add.integer("count", null, COUNT, true);
        VmShape vm = shape(add.object("vm", true));
        return count == null || vm == null || name == null ? null : new WhatIfCase.Add(name, count, vm);
    }

    private static WhatIfCase fitMore(NodeReader node, String name) {
        VmShape vm = shape(node.object("fitMore", true));
        return vm == null || name == null ? null : new WhatIfCase.FitMore(name, vm);
    }

    private static WhatIfCase compare(NodeReader node, String name) {
        if (node.isEmptyList("policies")) {
            node.report("policies", "empty; name at least one policy");
            return null;
        }
        List<String> policies = node.texts("policies", true);
        if (policies.isEmpty() || policies.contains(null)) {
            return null; // reported by texts()
        }
        return name == null ? null : new WhatIfCase.Compare(name, policies);
    }

    /** A VM's shape as a snapshot gives a VM, without name or host. */
    private static VmShape shape(NodeReader vm) {
        if (vm == null) {
            return null;
        }
        vm.allowOnly("vcpus", "memoryMiB", "demand", "storage", "bridges");
        Integer vcpus = vm.integer("vcpus", null, VCPUS, true);
        Long memoryMiB = vm.requiredWhole("memoryMiB", MEMORY_MIB);
        NodeReader demandNode = vm.object("demand", true);
        Demand demand = null;
        if (demandNode != null) {
            demandNode.allowOnly("cpu", "networkMbps");
            Double cpu = demandNode.requiredDecimal("cpu", CPU);
            Double network = demandNode.decimal("networkMbps", 0.0, NETWORK);
            demand = cpu == null || network == null ? null : new Demand(cpu, network);
        }
        String storage = vm.name("storage", false);
        List<String> bridges = vm.names("bridges", false);
        if (vcpus == null || memoryMiB == null || demand == null || bridges.contains(null)) {
            return null;
        }
        return new VmShape(vcpus, memoryMiB, demand, storage, Set.copyOf(bridges));
    }
}
