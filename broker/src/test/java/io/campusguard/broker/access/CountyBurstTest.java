package io.campusguard.broker.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campusguard.broker.BrokerSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The county broker's per-client queue limits follow the county's worst burst and are written with their reasons. */
class CountyBurstTest {

  /** Verifies the figures for Lianping's 129 campuses with the gateway's default window of 5,000 events. */
  @Test
  void lianpingsWorstBurst() {
    CountyBurst burst = new CountyBurst(129, 5_000);
    assertThat(burst.messages()).isEqualTo(645_000);
    assertThat(burst.bytes()).isEqualTo(258_000_000);
    assertThat(burst.maxQueuedMessages()).isEqualTo(1_290_000);
    // twice 258 MB, rounded up to whole MiB: 493 MiB
    assertThat(burst.maxQueuedBytes()).isEqualTo(493L * 1024 * 1024).isGreaterThanOrEqualTo(2 * burst.bytes());
  }

  /** Verifies that a small county never gets less than the embedded broker's queue, and nonsense is refused naming the field. */
  @Test
  void smallCountyKeepsTheFloorAndBadFiguresAreRefused() {
    CountyBurst small = new CountyBurst(2, 5_000);
    assertThat(small.maxQueuedMessages()).isEqualTo(BrokerSettings.DEFAULT_MAX_QUEUE_SIZE);
    assertThat(small.maxQueuedBytes() % (1024 * 1024)).isZero();
    assertThatThrownBy(() -> new CountyBurst(0, 5_000)).hasMessageStartingWith("campuses");
    assertThatThrownBy(() -> new CountyBurst(1, 0)).hasMessageStartingWith("eventsInFlightPerGateway");
  }

  /** Verifies that the generated county config carries the limits, persistence and service logging, and says why. */
  @Test
  void countyConfigCarriesTheLimitsWithTheirReasons() {
    Path f = Path.of("/etc/mosquitto/campusguard/x");
    String conf = MosquittoConfFile.text(1883, f, f, null, Path.of("/srv/mosquitto"), new CountyBurst(129, 5_000));
    assertThat(conf).contains(
        "max_queued_messages 1290000\n",
        "max_queued_bytes " + 493L * 1024 * 1024 + "\n",
        "129 x 5000 = 645000",
        "persistence true\n", "persistence_location /srv/mosquitto/\n", "autosave_interval 60\n",
        "log_dest syslog\n", "connection_messages true\n");
    // control: no debug logging for a service
    assertThat(conf).doesNotContain("log_type debug", "log_type all");
  }
}
