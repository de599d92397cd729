package io.campusguard.devices.body;

import io.campusguard.devices.EventKind;
import java.util.Objects;

/** One measurement from canteen equipment (食堂): cold store, freezer, gas, humidity or a door contact. */
public record CanteenReading(Quantity quantity, double value, String unit) implements EventBody {
  public CanteenReading {
    Objects.requireNonNull(quantity, "quantity");
    Objects.requireNonNull(unit, "unit");
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("value: not finite");
    }
    if (!quantity.unit().equals(unit)) {
      throw new IllegalArgumentException("unit: expected " + quantity.unit() + " for " + quantity);
    }
  }

  /** Convenience for code that builds readings: the unit is the quantity's own. */
  public static CanteenReading of(Quantity quantity, double value) {
    return new CanteenReading(quantity, value, quantity.unit());
  }

  /** Each quantity has one unit and a physically plausible range; values outside it are device faults. */
  public enum Quantity {
    COLD_STORE_TEMPERATURE("degC", -40, 60),
    FREEZER_TEMPERATURE("degC", -60, 40),
    GAS_CONCENTRATION("%LEL", 0, 100),
    HUMIDITY("%RH", 0, 100),
    DOOR_OPEN("bool", 0, 1);

    private final String unit;
    private final double min;
    private final double max;

    Quantity(String unit, double min, double max) {
      this.unit = unit;
      this.min = min;
      this.max = max;
    }

    public String unit() {
      return unit;
    }

    public double min() {
      return min;
    }

    public double max() {
      return max;
    }

    public boolean inRange(double v) {
      return v >= min && v <= max;
    }
  }

  @Override
  public EventKind kind() {
    return EventKind.CANTEEN;
  }
}
