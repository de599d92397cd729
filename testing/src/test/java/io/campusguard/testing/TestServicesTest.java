package io.campusguard.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestServicesTest {

    /** Verifies that a missing variable fails the test with a message saying how to run it. */
    @Test
    void missingVariableFailsWithHowToRun() {
        TestServices services = TestServices.of(Map.of());

        assertThatThrownBy(() -> services.required("CG_TEST_MQTT_URL"))
                .isInstanceOf(AssertionError.class)
                .hasMessage("CG_TEST_MQTT_URL is not set: run the tests with ./scripts/test.sh,"
                        + " which starts Mosquitto, InfluxDB and PostgreSQL");
    }

    /** Verifies that a blank value counts as missing, except where empty is meaningful. */
    @Test
    void blankIsMissingButAnEmptyPasswordIsAllowed() {
        TestServices services = TestServices.of(Map.of("CG_TEST_INFLUX_DB", " ", "CG_TEST_PG_PASSWORD", ""));

        assertThatThrownBy(() -> services.required("CG_TEST_INFLUX_DB"))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("CG_TEST_INFLUX_DB is not set");
        assertThat(services.requiredMayBeEmpty("CG_TEST_PG_PASSWORD")).isEmpty();
        assertThatThrownBy(() -> services.requiredMayBeEmpty("CG_TEST_PG_USER"))
                .isInstanceOf(AssertionError.class);
    }

    /** Verifies that a set variable is returned as it is (control). */
    @Test
    void setVariableIsReturned() {
        TestServices services = TestServices.of(Map.of("CG_TEST_MQTT_URL", "tcp://127.0.0.1:1"));

        assertThat(services.required("CG_TEST_MQTT_URL")).isEqualTo("tcp://127.0.0.1:1");
    }

    /** Verifies that the free port can be bound on the loopback address. */
    @Test
    void freePortCanBeBound() throws IOException {
        int port = TestServices.freePort();

        assertThat(port).isBetween(1, 65535);
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(socket.getLocalPort()).isEqualTo(port);
        }
    }
}
