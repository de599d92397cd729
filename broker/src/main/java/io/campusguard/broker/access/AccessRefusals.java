package io.campusguard.broker.access;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A broker's refusals: counted by kind, logged at debug, and handed to an optional listener. */
public final class AccessRefusals {
  private static final Logger LOG = LoggerFactory.getLogger(AccessRefusals.class);

  private final String broker;
  private final Consumer<AccessRefusal> listener;
  private final Map<AccessRefusal.Kind, LongAdder> counts = new EnumMap<>(AccessRefusal.Kind.class);

  /**
   * @param broker which broker, for the log ("county broker", "campus broker LP-017")
   * @param listener called for every refusal, on a broker thread: must be quick; null for none
   */
  public AccessRefusals(String broker, Consumer<AccessRefusal> listener) {
    this.broker = broker;
    this.listener = listener;
    for (AccessRefusal.Kind k : AccessRefusal.Kind.values()) {
      counts.put(k, new LongAdder());
    }
  }

  public long count(AccessRefusal.Kind kind) {
    return counts.get(kind).sum();
  }

  public long total() {
    return counts.values().stream().mapToLong(LongAdder::sum).sum();
  }

  void record(AccessRefusal refusal) {
    counts.get(refusal.kind()).increment();
    // One line per refusal at debug: a misbehaving client can send thousands; the counts and the listener
    // carry them to metrics and the security log.
    LOG.debug("{} refused {}", broker, refusal);
    if (listener != null) {
      try {
        listener.accept(refusal);
      } catch (RuntimeException e) {
        LOG.warn("refusal listener failed on {}", refusal, e);
      }
    }
  }
}
