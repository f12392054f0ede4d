package dev.ballast.formats;

import dev.ballast.model.Group;
import dev.ballast.model.GroupRule;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads one entry of a snapshot's {@code groups} list, checking its members against the VMs read. */
final class GroupReader {

    private GroupReader() {
    }

    static Entry<Group> read(NodeReader group, NameSet vmNames, Problems problems) {
        int mark = problems.count();
        group.allowOnly("name", "rule", "vms");
        String name = group.name("name", true);
        GroupRule rule = group.choice("rule", GroupRule.values(), GroupRule::key, null, true);
        List<String> vms = group.names("vms", true);
        if (group.isEmptyList("vms")) {
            group.report("vms", "must list at least one VM");
        }
        checkMembers(group, vms, vmNames, problems);
        if (problems.addedSince(mark)) {
            return group.entry(name, null);
        }
        return group.entry(name, new Group(name, rule, vms));
    }

    private static void checkMembers(NodeReader group, List<String> vms, NameSet vmNames, Problems problems) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < vms.size(); i++) {
            String vm = vms.get(i);
            if (vm == null) {
                continue;
            }
            String path = group.pathOf("vms", i);
            if (!vmNames.contains(vm)) {
                problems.add(path, "no VM named \"" + vm + "\"");
            } else if (!seen.add(vm)) {
                problems.add(path, "\"" + vm + "\" is listed twice");
            }
        }
    }
}
