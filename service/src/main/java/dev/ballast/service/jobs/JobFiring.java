package dev.ballast.service.jobs;

import dev.ballast.service.FiredBy;

/** What a trigger does when it fires: runs the job (the service queues it on its worker). */
@FunctionalInterface
public interface JobFiring {

    /** @param why what fired it, for the log: its schedule, the overload it saw */
    void fire(String job, FiredBy firedBy, String why);
}
