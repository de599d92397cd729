package io.campusguard.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.campusguard.runtime.net.FreePorts;
import io.campusguard.testing.TestServices;
import io.vertx.core.Future;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A start that fails after Vert.x is running fails its future with the cause, within a bound (never hangs). */
@Timeout(120)
class FailedStartTest {
  @TempDir
  Path dataDir;

  /** Verifies that a hub whose database cannot be reached fails its start with the cause, within a bound. */
  @Test
  void unreachableDatabaseFailsTheStart() throws Exception {
    int nobody = FreePorts.pick();
    HubConfig config = new HubConfig(
        new HubConfig.Database("jdbc:postgresql://127.0.0.1:" + nobody + "/none", "postgres", "", null),
        new HubConfig.Mqtt(TestServices.mqttUrl(), TestServices.mqttUser(), TestServices.mqttPassword(), null, null, null),
        new HubConfig.Http("127.0.0.1", 0), null, null, null, new HubConfig.Embedded(dataDir.toString(), 0), null);

    assertThat(failureOf(Hub.start(config))).containsIgnoringCase("connect");
  }

  /** Verifies that a hub whose HTTP port is taken fails its start (that failure arrives on an event loop). */
  @Test
  void takenHttpPortFailsTheStart() throws Exception {
    TestDatabase db = new TestDatabase();
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      HubConfig config = new HubConfig(
          new HubConfig.Database(db.config().jdbcUrl(), db.config().user(), db.config().password(), null),
          new HubConfig.Mqtt(TestServices.mqttUrl(), TestServices.mqttUser(), TestServices.mqttPassword(), null, null, null),
          new HubConfig.Http("127.0.0.1", taken.getLocalPort()), null, null, null, new HubConfig.Embedded(dataDir.toString(), 0), null);

      assertThat(failureOf(Hub.start(config))).containsIgnoringCase("address");
    } finally {
      db.close();
    }
  }

  private static String failureOf(Future<Hub> start) throws Exception {
    Throwable failure = start.toCompletionStage().toCompletableFuture().handle((hub, err) -> err).get(90, TimeUnit.SECONDS);
    assertThat(failure).as("the start must fail, not succeed").isNotNull();
    return failure + (failure.getCause() == null ? "" : " / " + failure.getCause());
  }
}
