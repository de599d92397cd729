package io.campusguard.hub.alarms;

import io.campusguard.devices.Ids;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The test-mode windows the alarm rules consult: campus by campus, when its panic buttons are being tested.
 * A window ends by itself at its end time; nothing has to switch it off. Safe to read from any thread: the
 * whole set is swapped at once (the hub reloads it from the database, so windows opened on another hub count).
 */
public final class PanicTestWindows {
  /** One campus's test window, {@code [from, until)}. */
  public record Window(String campus, Instant from, Instant until, String startedBy) {
    public Window {
      Ids.require("campus", campus);
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(until, "until");
      if (!until.isAfter(from)) {
        throw new IllegalArgumentException("until: must be after from");
      }
    }

    public boolean covers(Instant at) {
      return !at.isBefore(from) && at.isBefore(until);
    }
  }

  private volatile Map<String, List<Window>> byCampus = Map.of();

  /**
   * Merges windows reloaded from the database and forgets those that ended before {@code keepAfter}. Windows are
   * never changed once stored, so merging (rather than replacing) cannot resurrect anything, and a reload that
   * read the table just before this hub opened a window does not drop it.
   */
  public synchronized void refresh(List<Window> loaded, Instant keepAfter) {
    Map<String, List<Window>> next = new HashMap<>();
    for (List<Window> list : byCampus.values()) {
      for (Window w : list) {
        keep(next, w, keepAfter);
      }
    }
    for (Window w : loaded) {
      keep(next, w, keepAfter);
    }
    next.replaceAll((k, v) -> List.copyOf(v));
    byCampus = Map.copyOf(next);
  }

  private static void keep(Map<String, List<Window>> into, Window w, Instant keepAfter) {
    List<Window> list = into.computeIfAbsent(w.campus(), k -> new ArrayList<>());
    if (w.until().isAfter(keepAfter) && !list.contains(w)) {
      list.add(w);
    }
  }

  /** Adds one window now, so the hub that opened it applies it before the next reload. */
  public synchronized void add(Window w) {
    Map<String, List<Window>> next = new HashMap<>(byCampus);
    List<Window> list = new ArrayList<>(next.getOrDefault(w.campus(), List.of()));
    list.add(w);
    next.put(w.campus(), List.copyOf(list));
    byCampus = Map.copyOf(next);
  }

  /** Whether a press on {@code campus} at {@code at} (the press's source time) falls in a test window. */
  public boolean covers(String campus, Instant at) {
    return byCampus.getOrDefault(campus, List.of()).stream().anyMatch(w -> w.covers(at));
  }

  /** The window of {@code campus} open at {@code now}, the latest-ending if several overlap. */
  public Optional<Window> openAt(String campus, Instant now) {
    return byCampus.getOrDefault(campus, List.of()).stream().filter(w -> w.covers(now))
        .max((a, b) -> a.until().compareTo(b.until()));
  }
}
