package io.campusguard.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Where the real services of the test run are: {@code scripts/test.sh} starts Mosquitto, InfluxDB
 * and PostgreSQL on 127.0.0.1 and exports their addresses as {@code CG_TEST_*} variables.
 *
 * <p>Every accessor fails with an {@link AssertionError} naming the variable when it is not set:
 * a test that needs a service and finds none fails, it never skips.
 */
public final class TestServices {

    static final String HOW_TO_RUN =
            "run the tests with ./scripts/test.sh, which starts Mosquitto, InfluxDB and PostgreSQL";

    private static final TestServices FROM_ENVIRONMENT = new TestServices(System::getenv);

    private final UnaryOperator<String> env;

    TestServices(UnaryOperator<String> env) {
        this.env = env;
    }

    /** Test seam: services described by the given variables instead of the process environment. */
    static TestServices of(Map<String, String> variables) {
        return new TestServices(variables::get);
    }

    /** MQTT broker URL, e.g. {@code tcp://127.0.0.1:41883}. */
    public static String mqttUrl() {
        return FROM_ENVIRONMENT.required("CG_TEST_MQTT_URL");
    }

    /** MQTT user that may read and write every topic. */
    public static String mqttUser() {
        return FROM_ENVIRONMENT.required("CG_TEST_MQTT_USER");
    }

    public static String mqttPassword() {
        return FROM_ENVIRONMENT.required("CG_TEST_MQTT_PASSWORD");
    }

    /** InfluxDB 1.x HTTP URL, e.g. {@code http://127.0.0.1:48086}. */
    public static String influxUrl() {
        return FROM_ENVIRONMENT.required("CG_TEST_INFLUX_URL");
    }

    /** An existing InfluxDB database; tests keep apart by unique measurements or tags. */
    public static String influxDb() {
        return FROM_ENVIRONMENT.required("CG_TEST_INFLUX_DB");
    }

    /** {@code host:port} of InfluxDB's backup and restore service, for {@code influxd backup|restore -host}. */
    public static String influxRpc() {
        return FROM_ENVIRONMENT.required("CG_TEST_INFLUX_RPC");
    }

    /** JDBC URL of an existing PostgreSQL database; tests keep apart by unique schemas. */
    public static String pgUrl() {
        return FROM_ENVIRONMENT.required("CG_TEST_PG_URL");
    }

    public static String pgUser() {
        return FROM_ENVIRONMENT.required("CG_TEST_PG_USER");
    }

    /** The PostgreSQL password; set but empty with trust authentication. */
    public static String pgPassword() {
        return FROM_ENVIRONMENT.requiredMayBeEmpty("CG_TEST_PG_PASSWORD");
    }

    /** Path of the Chromium binary for browser tests. */
    public static String chromium() {
        return FROM_ENVIRONMENT.required("CG_TEST_CHROMIUM");
    }

    /** Path of the chromedriver binary matching {@link #chromium()}. */
    public static String chromedriver() {
        return FROM_ENVIRONMENT.required("CG_TEST_CHROMEDRIVER");
    }

    /** Path of the mosquitto binary, for tests that start (and kill) a broker of their own. */
    public static String mosquittoBin() {
        return FROM_ENVIRONMENT.required("CG_TEST_MOSQUITTO_BIN");
    }

    /** Path of mosquitto_passwd, to make the password file of a broker of a test's own. */
    public static String mosquittoPasswdBin() {
        return FROM_ENVIRONMENT.required("CG_TEST_MOSQUITTO_PASSWD_BIN");
    }

    /** Path of promtool (Debian's prometheus package), to check and unit-test alerting rules. */
    public static String promtool() {
        return FROM_ENVIRONMENT.required("CG_TEST_PROMTOOL");
    }

    /**
     * A TCP port on 127.0.0.1 that was free a moment ago. Prefer binding port 0 where the server
     * allows it; this is for processes that must be told their port in advance.
     */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free TCP port on 127.0.0.1", e);
        }
    }

    String required(String name) {
        String value = env.apply(name);
        if (value == null || value.isBlank()) {
            throw notSet(name);
        }
        return value;
    }

    String requiredMayBeEmpty(String name) {
        String value = env.apply(name);
        if (value == null) {
            throw notSet(name);
        }
        return value;
    }

    private static AssertionError notSet(String name) {
        return new AssertionError(name + " is not set: " + HOW_TO_RUN);
    }
}
