package dev.ballast.model;

/** What a plan's steps do to a cluster; a replayed cluster state implements it. */
public interface ClusterChanges {

    /** The VM runs on {@code host} from now on (moved there, or started there). */
    void placeVm(String vm, String host);

    /** The host is switched off: in standby from now on. */
    void powerOff(String host);

    /** The host is switched on: active from now on. */
    void powerOn(String host);
}
