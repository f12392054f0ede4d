package dev.ballast.hosts.power;

import dev.ballast.model.PowerControl;
import java.util.function.BooleanSupplier;

/** The power driver of each type of the cluster file's {@code power} section: the one place types meet classes. */
public final class PowerDrivers {

    private PowerDrivers() {
    }

    /**
     * The driver that switches {@code host} as {@code control} says.
     *
     * @param libvirtAnswers whether the host's libvirt answers now: the power state of a
     *                       Wake-on-LAN host without a BMC
     */
    public static PowerDriver of(String host, PowerControl control, BooleanSupplier libvirtAnswers) {
        if (control instanceof PowerControl.Ipmi ipmi) {
            return new IpmiPowerDriver(host, ipmi);
        }
        if (control instanceof PowerControl.Redfish redfish) {
            return new RedfishPowerDriver(host, redfish);
        }
        if (control instanceof PowerControl.WakeOnLan wol) {
            return new WakeOnLanPowerDriver(host, wol, libvirtAnswers);
        }
        if (control instanceof PowerControl.Command command) {
            return new CommandPowerDriver(host, command);
        }
        if (control instanceof PowerControl.Testbed testbed) {
            return new TestbedPowerDriver(host, testbed);
        }
        throw new IllegalArgumentException("no power driver for " + control.type());
    }
}
