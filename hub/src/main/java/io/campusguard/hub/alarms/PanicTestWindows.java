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
 * A window ends by itself at its end time, or earlier when an operator ends it. Safe to read from any thread: the
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

    /** The same window, whatever its end: windows are only ever shortened, never moved. */
    public boolean sameWindow(Window other) {
      return campus.equals(other.campus) && from.equals(other.from) && Objects.equals(startedBy, other.startedBy);
    }

    /** This window ended at {@code at} (never before it began: a window always covers its first instant). */
    public Window endedAt(Instant at) {
      Instant end = at.isAfter(from) ? at : from.plusNanos(1000);
      return end.isBefore(until) ? new Window(campus, from, end, startedBy) : this;
    }
  }

  private volatile Map<String, List<Window>> byCampus = Map.of();

  /**
   * Merges windows reloaded from the database and forgets those that ended before {@code keepAfter}. A window is
   * known by its campus, start and starter; its end only ever moves earlier (an operator ends it early), so the
   * merge keeps the earliest end it has seen. Merging rather than replacing means a reload that read the table
   * just before this hub opened or ended a window neither drops the window nor brings its old end back.
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
    if (!w.until().isAfter(keepAfter)) {
      return;
    }
    List<Window> list = into.computeIfAbsent(w.campus(), k -> new ArrayList<>());
    for (int i = 0; i < list.size(); i++) {
      Window known = list.get(i);
      if (known.sameWindow(w)) {
        if (w.until().isBefore(known.until())) {
          list.set(i, w);
        }
        return;
      }
    }
    list.add(w);
  }

  /**
   * Ends {@code campus}'s windows open at {@code now} there and then (an operator ended test mode early), so this
   * hub raises real alarms again at once; other hubs learn it from the database at their next reload.
   */
  public synchronized void endAt(String campus, Instant now) {
    List<Window> list = new ArrayList<>(byCampus.getOrDefault(campus, List.of()));
    list.replaceAll(w -> w.covers(now) ? w.endedAt(now) : w);
    Map<String, List<Window>> next = new HashMap<>(byCampus);
    next.put(campus, List.copyOf(list));
    byCampus = Map.copyOf(next);
  }

  /** Adds one window now, so the hub that opened it applies it before the next reload. */
  public synchronized void add(Window w) {
    Map<String, List<Window>> next = new HashMap<>(byCampus);
    List<Window> list = new ArrayList<>(next.getOrDefault(w.campus(), List.of()));
    if (list.stream().noneMatch(w::sameWindow)) {
      list.add(w);
    }
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
