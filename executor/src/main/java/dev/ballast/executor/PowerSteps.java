package dev.ballast.executor;

import dev.ballast.formats.Durations;
import dev.ballast.hosts.HostDriver;
import dev.ballast.hosts.HostException;
import dev.ballast.hosts.HostInventory;
import dev.ballast.hosts.PowerState;
import dev.ballast.hosts.VmInventory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Switches hosts off and on through their {@link HostDriver}s, and waits until they are.
 *
 * <p>Power-off: the host's power driver must answer (a host with none is skipped with that
 * reason and the run goes on); the host, asked live, must run no VM (the plan's earlier steps
 * emptied it) and have none defined to start with it (it would start them when switched on
 * again, behind the planner's back): otherwise the step is skipped; then it is switched off and
 * the step waits until its power driver says off. Power-on: switched on, then the step waits
 * until the host answers (its libvirt, for a libvirt host). A host that does not get there
 * within the time limit fails the step; what the run does then is the executor's choice.
 */
final class PowerSteps {

    /** How a power step ended: done, skipped (a precondition did not hold, nothing was done) or failed. */
    enum Result { DONE, SKIPPED, FAILED }

    record Outcome(Result result, String reason, double seconds) {
    }

    private final Function<String, HostDriver> drivers;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration timeout;
    private final Duration pollInterval;

    PowerSteps(Function<String, HostDriver> drivers, Clock clock, Sleeper sleeper, Duration timeout,
            Duration pollInterval) {
        this.drivers = drivers;
        this.clock = clock;
        this.sleeper = sleeper;
        this.timeout = timeout;
        this.pollInterval = pollInterval;
    }

    /** Switches off an emptied host; {@code notes} hears what is worth knowing meanwhile. */
    Outcome powerOff(String host, Consumer<String> notes) throws InterruptedException {
        Instant began = clock.instant();
        HostDriver driver = drivers.apply(host);
        PowerState state;
        try {
            state = driver.powerStatus();
        } catch (HostException e) {
            return new Outcome(Result.SKIPPED, powerProblem(host, e), 0);
        }
        if (state == PowerState.OFF) {
            return done(began, notes, host + " was already off");
        }
        try {
            HostInventory inventory = driver.inventory();
            if (!inventory.vms().isEmpty()) {
                List<String> names = inventory.vms().stream().map(VmInventory::name).toList();
                return new Outcome(Result.SKIPPED, "pre-flight: " + host + " still runs " + String.join(", ", names),
                        seconds(began));
            }
            List<String> autostart = driver.autostartVms();
            if (!autostart.isEmpty()) {
                return new Outcome(Result.SKIPPED, "pre-flight: " + host + " has VMs defined to start with it: "
                        + String.join(", ", autostart), seconds(began));
            }
        } catch (HostException e) {
            return new Outcome(Result.SKIPPED, "pre-flight: " + host + " does not answer: " + e.detail(), seconds(began));
        }
        try {
            driver.powerOff();
        } catch (HostException e) {
            return noPowerDriver(e) ? new Outcome(Result.SKIPPED, powerProblem(host, e), seconds(began))
                    : new Outcome(Result.FAILED, "switching off: " + e.detail(), seconds(began));
        }
        while (true) {
            try {
                if (driver.powerStatus() == PowerState.OFF) {
                    return new Outcome(Result.DONE, null, seconds(began));
                }
            } catch (HostException e) {
                notes.accept("power state unknown: " + e.detail());
            }
            if (over(began)) {
                return new Outcome(Result.FAILED, host + " was still on " + Durations.format(timeout)
                        + " after it was switched off", seconds(began));
            }
            sleeper.sleep(pollInterval);
        }
    }

    /** Switches on a host and waits until it answers. */
    Outcome powerOn(String host, Consumer<String> notes) throws InterruptedException {
        Instant began = clock.instant();
        HostDriver driver = drivers.apply(host);
        PowerState state;
        try {
            state = driver.powerStatus();
        } catch (HostException e) {
            return new Outcome(Result.SKIPPED, powerProblem(host, e), 0);
        }
        if (state == PowerState.OFF) {
            try {
                driver.powerOn();
            } catch (HostException e) {
                return noPowerDriver(e) ? new Outcome(Result.SKIPPED, powerProblem(host, e), seconds(began))
                        : new Outcome(Result.FAILED, "switching on: " + e.detail(), seconds(began));
            }
        } else {
            notes.accept(host + " was already on");
        }
        while (true) {
            try {
                driver.ping();
                return new Outcome(Result.DONE, null, seconds(began));
            } catch (HostException e) {
                if (over(began)) {
                    return new Outcome(Result.FAILED, host + " did not answer within " + Durations.format(timeout)
                            + " of switching on: " + e.detail(), seconds(began));
                }
            }
            sleeper.sleep(pollInterval);
        }
    }

    private Outcome done(Instant began, Consumer<String> notes, String note) {
        notes.accept(note);
        return new Outcome(Result.DONE, null, seconds(began));
    }

    private boolean over(Instant began) {
        return Duration.between(began, clock.instant()).compareTo(timeout) > 0;
    }

    private double seconds(Instant began) {
        return Duration.between(began, clock.instant()).toNanos() / 1e9;
    }

    static boolean noPowerDriver(HostException e) {
        return e.isNoPowerDriver();
    }

    private static String powerProblem(String host, HostException e) {
        return noPowerDriver(e) ? e.detail() : "pre-flight: " + host + "'s power driver does not answer: " + e.detail();
    }
}
