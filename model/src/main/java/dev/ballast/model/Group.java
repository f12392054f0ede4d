package dev.ballast.model;

import java.util.List;

/** A named set of VMs under one placement rule, e.g. the replicas of a database kept apart. */
public record Group(String name, GroupRule rule, List<String> vms) {

    public Group {
        vms = List.copyOf(vms);
    }
}
