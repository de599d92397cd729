package io.campusguard.simulators.loadtest;

import io.campusguard.devices.EventEnvelope;
import io.campusguard.devices.Priority;
import io.campusguard.gateway.outbox.Outbox;
import io.campusguard.gateway.outbox.OutboxConfig;
import io.campusguard.simulators.gateways.InProcessGateway;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * What the gateways of a load test still hold: while they run, the depth of their outbox lanes (in-process
 * gateways read directly, child processes through their {@code /health}); once they have stopped, the events
 * left in their outbox files. An event acknowledged to a device and not yet committed at the hub is not lost
 * while an outbox still holds it.
 */
final class OutboxCensus {
  private OutboxCensus() {}

  /**
   * Events waiting in every gateway's outbox, per lane; {@code unanswered} counts child gateways that did not
   * report (killed, restarting), whose depth is then unknown.
   */
  record Depth(Map<Priority, Long> lanes, int unanswered) {
    long total() {
      return lanes.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Known to be empty: every gateway answered and none holds anything. */
    boolean empty() {
      return unanswered == 0 && total() == 0;
    }

    String describe() {
      return total() + " (" + lanes + (unanswered > 0 ? ", " + unanswered + " gateways not answering" : "") + ")";
    }
  }

  static Depth depth(List<InProcessGateway> inProcess, Collection<ChildGateway> children) {
    Map<Priority, Long> lanes = new EnumMap<>(Priority.class);
    for (Priority p : Priority.values()) {
      lanes.put(p, 0L);
    }
    for (InProcessGateway g : inProcess) {
      g.gateway().outbox().laneStats().forEach((p, stats) -> lanes.merge(p, stats.depth(), Long::sum));
    }
    int unanswered = 0;
    for (ChildGateway c : children) {
      Optional<Map<String, Long>> reported = c.laneDepths();
      if (reported.isEmpty()) {
        unanswered++;
        continue;
      }
      reported.get().forEach((lane, depth) -> lanes.merge(Priority.valueOf(lane), depth, Long::sum));
    }
    return new Depth(lanes, unanswered);
  }

  /**
   * The publishes (device and its own time) whose events are still in the given outbox files. Call only once
   * their gateways have stopped: each file is opened as the gateway would open it on its next start.
   */
  static Set<EmissionKey> remaining(Collection<Path> outboxFiles, Clock clock) throws Exception {
    Set<EmissionKey> keys = new HashSet<>();
    for (Path file : outboxFiles) {
      if (!Files.exists(file)) {
        continue;
      }
      try (Outbox outbox = Outbox.open(OutboxConfig.at(file), clock)) {
        for (EventEnvelope e : outbox.next(Map.of(), Integer.MAX_VALUE).get(2, TimeUnit.MINUTES)) {
          keys.add(new EmissionKey(e.device(), e.sourceTs()));
        }
      }
    }
    return keys;
  }
}
