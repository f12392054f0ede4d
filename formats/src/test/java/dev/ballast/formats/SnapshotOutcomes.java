package dev.ballast.formats;

import dev.ballast.model.ClusterSnapshot;
import java.nio.file.Path;

/**
 * What reading a snapshot file ends in, for comparing the load ({@link SnapshotReader#read}) with
 * the check {@code validate} makes ({@link SnapshotReader#check}): the message of the problems,
 * or how many hosts, VMs and groups it held.
 */
final class SnapshotOutcomes {

    private SnapshotOutcomes() {
    }

    /** As {@code plan} loads the file. */
    static Object loaded(Path file) {
        try {
            ClusterSnapshot snapshot = SnapshotReader.read(file);
            return new SnapshotReader.Counts(snapshot.hosts().size(), snapshot.vms().size(), snapshot.groups().size());
        } catch (InputException e) {
            return e.getMessage();
        }
    }

    /** As {@code validate} checks the file, keeping no VM. */
    static Object checked(Path file) {
        try {
            return SnapshotReader.check(Document.read(file));
        } catch (InputException e) {
            return e.getMessage();
        }
    }
}
