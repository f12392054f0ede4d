package dev.ballast.formats;

import dev.ballast.model.Group;
import dev.ballast.model.GroupRule;
import dev.ballast.model.Host;
import dev.ballast.model.Resources;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds groups no placement can satisfy, before the solver searches in vain: VMs that affinity
 * groups keep on one host (directly, or through a VM two groups share) but that together fit on
 * no host, and two VMs an anti-affinity group keeps apart that affinity keeps together.
 */
final class GroupCheck {

    private final Problems problems;

    GroupCheck(Problems problems) {
        this.problems = problems;
    }

    /** Only when every host, VM and group was read: a partial picture would mislead. */
    void check(List<Entry<Host>> hosts, VmsRead vms, List<Entry<Group>> groups) {
        if (hosts.isEmpty() || !hosts.stream().allMatch(Entry::isValid) || !vms.allValid()
                || !groups.stream().allMatch(Entry::isValid)) {
            return;
        }
        if (groups.stream().noneMatch(g -> g.value().rule() == GroupRule.AFFINITY)) {
            return; // both checks are about affinity
        }
        Map<String, String> together = new HashMap<>(); // VM -> a VM of its affinity set (union-find)
        for (Entry<Group> group : groups) {
            if (group.value().rule() == GroupRule.AFFINITY) {
                List<String> members = group.value().vms();
                members.forEach(vm -> union(together, members.get(0), vm));
            }
        }
        checkApart(groups, together);
        checkFit(hosts, vms, groups, together);
    }

    private void checkApart(List<Entry<Group>> groups, Map<String, String> together) {
        for (Entry<Group> group : groups) {
            if (group.value().rule() != GroupRule.ANTI_AFFINITY) {
                continue;
            }
            Map<String, String> seen = new HashMap<>(); // affinity set -> the first member of this group in it
            for (String vm : group.value().vms()) {
                String first = seen.putIfAbsent(find(together, vm), vm);
                if (first != null) {
                    problems.add(group.path(), "\"" + first + "\" and \"" + vm + "\" must run on different hosts,"
                            + " but affinity groups " + groupsOf(groups, first, vm) + " keep them on one host;"
                            + " take one of them out of either rule");
                }
            }
        }
    }

    private void checkFit(List<Entry<Host>> hosts, VmsRead vms, List<Entry<Group>> groups,
            Map<String, String> together) {
        Map<String, Fit.Need> byName = new HashMap<>(); // of the VMs in affinity groups
        Fit.Needs needs = vms.needs();
        int[] indexes = vms.validIndexes();
        // The hashes first: of millions of VMs, only the few in groups are made names to compare.
        Set<Integer> hashes = new HashSet<>();
        together.keySet().forEach(vm -> hashes.add(vm.hashCode()));
        for (int i = 0; i < indexes.length; i++) {
            if (!hashes.contains(vms.hashAt(indexes[i]))) {
                continue;
            }
            String name = vms.nameAt(indexes[i]);
            if (together.containsKey(name)) {
                byName.put(name, needs.need(i));
            }
        }
        Map<String, Entry<Group>> firstGroup = new LinkedHashMap<>(); // affinity set -> its first group
        for (Entry<Group> group : groups) {
            if (group.value().rule() == GroupRule.AFFINITY) {
                firstGroup.putIfAbsent(find(together, group.value().vms().get(0)), group);
            }
        }
        Map<String, Set<String>> members = new HashMap<>();
        for (String vm : together.keySet()) {
            members.computeIfAbsent(find(together, vm), k -> new HashSet<>()).add(vm);
        }
        List<Entry<Group>> reported = new ArrayList<>();
        List<Fit.Need> groupNeeds = new ArrayList<>();
        firstGroup.forEach((set, group) -> {
            reported.add(group);
            groupNeeds.add(need(members.get(set), byName));
        });
        Map<Integer, String> why = Fit.whyNowhere(groupNeeds, hosts.stream().map(Entry::value).toList());
        why.forEach((i, reason) -> problems.add(reported.get(i).path(),
                "its VMs must share one host (with those of the affinity groups they are also in), and together they "
                        + reason.replaceFirst("^fits", "fit")));
    }

    private static Fit.Need need(Set<String> vms, Map<String, Fit.Need> byName) {
        Resources usage = Resources.ZERO;
        Set<String> storage = new HashSet<>();
        Set<String> bridges = new HashSet<>();
        for (String name : vms) {
            Fit.Need vm = byName.get(name);
            usage = usage.plus(vm.usage());
            storage.addAll(vm.storage());
            bridges.addAll(vm.bridges());
        }
        return new Fit.Need(usage, storage, bridges);
    }

    private static String groupsOf(List<Entry<Group>> groups, String a, String b) {
        List<String> names = new ArrayList<>();
        for (Entry<Group> group : groups) {
            List<String> vms = group.value().vms();
            if (group.value().rule() == GroupRule.AFFINITY && (vms.contains(a) || vms.contains(b))) {
                names.add("\"" + group.name() + "\"");
            }
        }
        return String.join(", ", names);
    }

    private static String find(Map<String, String> parent, String vm) {
        String root = vm;
        while (parent.containsKey(root) && !parent.get(root).equals(root)) {
            root = parent.get(root);
        }
        // Path compression keeps later look-ups short.
        for (String at = vm; !at.equals(root); ) {
            String next = parent.get(at);
            parent.put(at, root);
            at = next;
        }
        return root;
    }

    private static void union(Map<String, String> parent, String a, String b) {
        parent.putIfAbsent(a, a);
        parent.putIfAbsent(b, b);
        String rootA = find(parent, a);
        String rootB = find(parent, b);
        if (!rootA.equals(rootB)) {
            parent.put(rootB, rootA);
        }
    }
}
