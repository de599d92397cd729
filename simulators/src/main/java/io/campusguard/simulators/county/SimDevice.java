package io.campusguard.simulators.county;

import io.campusguard.devices.profile.DeviceType;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One simulated device and its asset-register data. {@code parent} is the NVR a camera records to (or null);
 * {@code room} is where it stands (a classroom, 机房2, 门卫室…).
 */
public record SimDevice(
    String id,
    String campus,
    DeviceType type,
    String room,
    String parent,
    String make,
    String model,
    LocalDate purchaseDate,
    BigDecimal price,
    LocalDate warrantyEnd) {}
