package io.campusguard.hub;

import io.campusguard.broker.TlsListenerSettings;
import io.campusguard.devices.Ids;
import io.campusguard.hub.alarms.Escalation;
import io.campusguard.hub.alarms.Lateness;
import io.campusguard.hub.auth.SessionTimeouts;
import io.campusguard.hub.ingest.MqttConfig;
import io.campusguard.hub.notify.NotifyConfig;
import io.campusguard.hub.video.LiveView;
import io.campusguard.hub.store.DatabaseConfig;
import io.campusguard.hub.supervision.LinkSupervisor;
import io.campusguard.hub.upstream.RetrySchedule;
import io.campusguard.runtime.tls.PlaintextLinks;
import io.campusguard.runtime.tls.TlsFiles;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * The hub's whole configuration, as its YAML file says it (missing sections and fields take the defaults written
 * here). A missing {@code database.url} means the embedded PostgreSQL; a missing {@code mqtt.url} means the
 * embedded county broker. {@code notifications}: the channels that reach people (issue 22); {@code video}: the
 * county video platform's live-view link for the cameras beside an alarm. Validated once, at construction; every error names its field.
 */
public record HubConfig(
    Database database,
    Mqtt mqtt,
    Http http,
    Alarms alarms,
    Supervision supervision,
    Influx influx,
    Embedded embedded,
    Webhook webhook,
    NotifyConfig notifications,
    LiveView video,
    Retention retention) {

  public HubConfig {
    retention = retention == null ? new Retention(null, null, null, null) : retention;
    database = database == null ? new Database(null, null, null, null) : database;
    mqtt = mqtt == null ? new Mqtt(null, null, null, null, null, null) : mqtt;
    http = http == null ? new Http(null, null, null, null, null, null, null, null, null, null) : http;
    alarms = alarms == null ? new Alarms(null, null) : alarms;
    supervision = supervision == null ? new Supervision(null, null) : supervision;
    influx = influx == null ? new Influx(null, null, null, null, null) : influx;
    embedded = embedded == null ? new Embedded(null, null) : embedded;
    if (embedded.brokerTls() != null && mqtt.url() != null) {
      throw new IllegalArgumentException("embedded.brokerTls: applies only to the embedded county broker, but mqtt.url names another one");
    }
    webhook = webhook == null ? new Webhook(null, null, null, null, null, null) : webhook;
    notifications = notifications == null ? NotifyConfig.defaults() : notifications;
    video = video == null ? new LiveView(null) : video;
    if (embedded.brokerTls() != null && embedded.brokerAccounts() == null
        && !PlaintextLinks.isLoopback(embedded.brokerTls().bindAddress())) {
      // TLS hides the traffic, it does not choose who connects: without accounts anyone on a campus network could
      // subscribe to county/# and publish a commit ack that makes a gateway delete its unsent alarms.
      throw new IllegalArgumentException("embedded.brokerAccounts: required when embedded.brokerTls listens on "
          + embedded.brokerTls().bindAddress() + " (not loopback); make it with `campusguard broker-access`");
    }
    if (embedded.brokerAccounts() != null) {
      // A security setting that would be silently ignored is refused instead.
      if (mqtt.url() != null) {
        throw new IllegalArgumentException(
            "embedded.brokerAccounts: applies only to the embedded county broker, but mqtt.url names another one");
      }
      if (mqtt.user() == null || mqtt.password() == null) {
        throw new IllegalArgumentException(
            "mqtt.user: the hub's own account on its broker (user and password) is required with embedded.brokerAccounts");
      }
    }
  }

  /** Without notification channels, video links and a retention section (the defaults). */
  public HubConfig(Database database, Mqtt mqtt, Http http, Alarms alarms, Supervision supervision, Influx influx, Embedded embedded,
      Webhook webhook) {
    this(database, mqtt, http, alarms, supervision, influx, embedded, webhook, null, null, null);
  }

  /** With the retention section's defaults. */
  public HubConfig(Database database, Mqtt mqtt, Http http, Alarms alarms, Supervision supervision, Influx influx, Embedded embedded,
      Webhook webhook, NotifyConfig notifications, LiveView video) {
    this(database, mqtt, http, alarms, supervision, influx, embedded, webhook, notifications, video, null);
  }

  public static HubConfig defaults() {
    return new HubConfig(null, null, null, null, null, null, null, null, null, null, null);
  }

  /** This config with {@code notifications} replaced. */
  public HubConfig withNotifications(NotifyConfig replacement) {
    return new HubConfig(database, mqtt, http, alarms, supervision, influx, embedded, webhook, replacement, video, retention);
  }

  /**
   * How long the tables that only grow keep their rows: {@code changes} (what a console may replay after a
   * reconnect, default {@value #DEFAULT_CHANGES_DAYS} days), {@code deadLetters} (default 90 days), {@code auditLog}
   * and {@code securityEvents} (default 400 days: a year and its review). A run every {@code every} (default 1 h).
   */
  public record Retention(Duration changes, Duration deadLetters, Duration auditLog, Duration securityEvents, Duration every) {
    public static final int DEFAULT_CHANGES_DAYS = 7;
    public static final Duration DEFAULT_EVERY = Duration.ofHours(1);

    public Retention {
      changes = changes == null ? Duration.ofDays(DEFAULT_CHANGES_DAYS) : changes;
      deadLetters = deadLetters == null ? Duration.ofDays(90) : deadLetters;
      auditLog = auditLog == null ? Duration.ofDays(400) : auditLog;
      securityEvents = securityEvents == null ? Duration.ofDays(400) : securityEvents;
      every = every == null ? DEFAULT_EVERY : every;
      atLeast("retention.changes", changes, Duration.ofHours(1));
      atLeast("retention.deadLetters", deadLetters, Duration.ofDays(1));
      atLeast("retention.auditLog", auditLog, Duration.ofDays(30));
      atLeast("retention.securityEvents", securityEvents, Duration.ofDays(30));
      atLeast("retention.every", every, Duration.ofSeconds(1));
    }

    public Retention(Duration changes, Duration deadLetters, Duration auditLog, Duration securityEvents) {
      this(changes, deadLetters, auditLog, securityEvents, null);
    }

    private static void atLeast(String field, Duration d, Duration min) {
      if (d.compareTo(min) < 0) {
        throw new IllegalArgumentException(field + ": at least " + min.toString().substring(2).toLowerCase(java.util.Locale.ROOT));
      }
    }
  }

  public record Database(String url, String user, String password, Integer poolSize) {
    public Database {
      poolSize = poolSize == null ? DatabaseConfig.DEFAULT_POOL_SIZE : poolSize;
      user = user == null ? "postgres" : user;
      if (url != null) {
        new DatabaseConfig(url, user, password, poolSize); // validates, naming the field
      }
    }

    /** Null when no URL is configured: the hub then starts its embedded PostgreSQL. */
    public DatabaseConfig toStore() {
      return url == null ? null : new DatabaseConfig(url, user, password, poolSize);
    }
  }

  /**
   * The county broker as the hub reaches it. {@code tls} for an {@code ssl://} url (the county CA, an optional
   * client certificate); plaintext ({@code tcp://}) only to loopback unless {@code allowPlaintext: true}.
   */
  public record Mqtt(
      String url, String user, String password, String clientId, String sharedGroup, Integer receiveMaximum, TlsFiles tls,
      Boolean allowPlaintext) {
    public Mqtt {
      // Under the account's name: a broker of ours lets an account use only client ids that start with it.
      clientId = clientId == null ? (user == null ? "hub" : user) + "-" + UUID.randomUUID().toString().substring(0, 8) : clientId;
      sharedGroup = sharedGroup == null ? MqttConfig.DEFAULT_SHARED_GROUP : sharedGroup;
      receiveMaximum = receiveMaximum == null ? MqttConfig.DEFAULT_RECEIVE_MAXIMUM : receiveMaximum;
      if (url != null) {
        try {
          new MqttConfig(url, user, password, clientId, sharedGroup, receiveMaximum, tls);
        } catch (IllegalArgumentException | NullPointerException e) {
          throw new IllegalArgumentException(e.getMessage(), e);
        }
        // "url: …", named mqtt.url by the config loader
        PlaintextLinks.check(url, Boolean.TRUE.equals(allowPlaintext));
      } else if (tls != null) {
        throw new IllegalArgumentException("tls: applies to mqtt.url; the hub reaches its embedded broker on loopback");
      }
    }

    public Mqtt(String url, String user, String password, String clientId, String sharedGroup, Integer receiveMaximum) {
      this(url, user, password, clientId, sharedGroup, receiveMaximum, null, null);
    }

    /**
     * The client settings for {@code url} (this one, or the embedded broker's). On its own embedded broker the hub
     * is the only reader of events by construction, and subscribes without the shared group (see {@link MqttConfig}).
     */
    public MqttConfig toClient(String brokerUrl) {
      MqttConfig client = new MqttConfig(brokerUrl, user, password, clientId, sharedGroup, receiveMaximum, brokerUrl.equals(url) ? tls : null);
      return brokerUrl.equals(url) ? client : client.soleSubscriber();
    }

    /** The warning for the start log when the configured link is plaintext; empty for TLS or the embedded broker. */
    public java.util.Optional<String> plaintextWarning() {
      return url == null ? java.util.Optional.empty() : PlaintextLinks.check(url, Boolean.TRUE.equals(allowPlaintext));
    }
  }

  /**
   * The API and console. A console session ends after {@code sessionIdleTimeout} without a request (default 30
   * min) and {@code sessionAbsoluteTimeout} after signing in (default 12 h, one shift). A connection is closed when
   * its first request's headers take longer than {@code headerTimeout} (10 s) or it is idle {@code idleTimeout}
   * (60 s); at most {@code maxConnections} (1,000) are open at once. {@code metricsFrom}: when set, only these client
   * addresses get {@code /metrics} (the Prometheus server), others 403. {@code tls} (certFile and keyFile, as the
   * pki command writes them): HTTPS only, with {@code Secure} cookies and HSTS. {@code trustedProxies}: the reverse
   * proxies whose {@code X-Forwarded-Proto}/{@code X-Forwarded-Host} say how the browser reached the hub.
   */
  public record Http(
      String host, Integer port, Duration sessionIdleTimeout, Duration sessionAbsoluteTimeout, Duration idleTimeout,
      Duration headerTimeout, Integer maxConnections, java.util.List<String> metricsFrom, TlsFiles tls,
      java.util.List<String> trustedProxies) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    /** Longer than the live stream's 15 s keepalive, so an open console never counts as idle. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_CONNECTIONS = 1_000;

    public Http {
      host = host == null ? DEFAULT_HOST : host;
      port = port == null ? DEFAULT_PORT : port;
      idleTimeout = idleTimeout == null ? DEFAULT_IDLE_TIMEOUT : idleTimeout;
      headerTimeout = headerTimeout == null ? DEFAULT_HEADER_TIMEOUT : headerTimeout;
      maxConnections = maxConnections == null ? DEFAULT_MAX_CONNECTIONS : maxConnections;
      metricsFrom = metricsFrom == null ? java.util.List.of() : java.util.List.copyOf(metricsFrom);
      trustedProxies = trustedProxies == null ? java.util.List.of() : java.util.List.copyOf(trustedProxies);
      for (String proxy : trustedProxies) {
        if (proxy == null || !proxy.matches("[0-9A-Fa-f.:]+")) {
          throw new IllegalArgumentException("http.trustedProxies: " + proxy + " is not an IP address");
        }
      }
      if (tls != null && !tls.hasCertificate()) {
        throw new IllegalArgumentException("http.tls.certFile: required (the console's certificate and key)");
      }
      if (tls != null) {
        io.campusguard.runtime.tls.TlsMaterial.keyStore(tls, new char[] {'x'}); // readable, key fits: "certFile: …"/"keyFile: …"
      }
      if (idleTimeout.compareTo(Duration.ofSeconds(30)) < 0) {
        throw new IllegalArgumentException("http.idleTimeout: at least 30s (the live stream's keepalive is 15 s)");
      }
      if (headerTimeout.toMillis() < 100 || headerTimeout.compareTo(Duration.ofMinutes(5)) > 0) {
        throw new IllegalArgumentException("http.headerTimeout: 100ms..5m");
      }
      if (maxConnections < 1) {
        throw new IllegalArgumentException("http.maxConnections: at least 1");
      }
      for (String from : metricsFrom) {
        if (from == null || from.isBlank() || !from.matches("[0-9A-Fa-f.:]+")) {
          throw new IllegalArgumentException("http.metricsFrom: " + from + " is not an IP address");
        }
      }
      sessionIdleTimeout = sessionIdleTimeout == null ? SessionTimeouts.DEFAULT_IDLE : sessionIdleTimeout;
      sessionAbsoluteTimeout = sessionAbsoluteTimeout == null ? SessionTimeouts.DEFAULT_ABSOLUTE : sessionAbsoluteTimeout;
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("http.port: must be 0..65535 (0 picks a free port)");
      }
      new SessionTimeouts(sessionIdleTimeout, sessionAbsoluteTimeout); // validates, naming the field
    }

    public Http(String host, Integer port) {
      this(host, port, null, null);
    }

    public Http(String host, Integer port, Duration sessionIdleTimeout, Duration sessionAbsoluteTimeout) {
      this(host, port, sessionIdleTimeout, sessionAbsoluteTimeout, null, null, null, null, null, null);
    }

    /** Without TLS and proxies. */
    public Http(String host, Integer port, Duration sessionIdleTimeout, Duration sessionAbsoluteTimeout, Duration idleTimeout,
        Duration headerTimeout, Integer maxConnections, java.util.List<String> metricsFrom) {
      this(host, port, sessionIdleTimeout, sessionAbsoluteTimeout, idleTimeout, headerTimeout, maxConnections, metricsFrom, null, null);
    }

    public SessionTimeouts sessionTimeouts() {
      return new SessionTimeouts(sessionIdleTimeout, sessionAbsoluteTimeout);
    }
  }

  /**
   * Alarm settings. {@code escalation} replaces the built-in policy of the alarm types it names (e.g. {@code panic:
   * {remindAfter: 30s, raiseAfter: 60s, notifyAfter: 2m}}); {@code escalationDefault} the policy of all others.
   */
  public record Alarms(
      Duration lateBound, Duration escalationTick, Map<String, Escalation.Policy> escalation, Escalation.Policy escalationDefault) {
    public static final Duration DEFAULT_ESCALATION_TICK = Duration.ofSeconds(1);

    public Alarms {
      lateBound = lateBound == null ? Lateness.DEFAULT_BOUND : lateBound;
      escalationTick = escalationTick == null ? DEFAULT_ESCALATION_TICK : escalationTick;
      escalation = escalation == null ? Map.of() : Map.copyOf(escalation);
      if (lateBound.isNegative() || lateBound.isZero()) {
        throw new IllegalArgumentException("alarms.lateBound: must be positive");
      }
      if (escalationTick.toMillis() < 10) {
        throw new IllegalArgumentException("alarms.escalationTick: must be at least 10ms");
      }
      for (String type : escalation.keySet()) {
        if (!Ids.isValid(type)) {
          throw new IllegalArgumentException("alarms.escalation: " + type + " is not an alarm type id");
        }
      }
    }

    public Alarms(Duration lateBound, Duration escalationTick) {
      this(lateBound, escalationTick, null, null);
    }

    /** The built-in escalation policies with this config's replacements. */
    public Escalation escalationPolicies() {
      return Escalation.defaults().with(escalation, escalationDefault);
    }
  }

  public record Supervision(Duration reportingTime, Duration tick) {
    public static final Duration DEFAULT_TICK = Duration.ofMillis(250);

    public Supervision {
      reportingTime = reportingTime == null ? LinkSupervisor.DEFAULT_REPORTING_TIME : reportingTime;
      tick = tick == null ? DEFAULT_TICK : tick;
      if (reportingTime.toMillis() < 100) {
        throw new IllegalArgumentException("supervision.reportingTime: must be at least 100ms");
      }
      if (tick.toMillis() < 10 || tick.compareTo(reportingTime) > 0) {
        throw new IllegalArgumentException("supervision.tick: must be 10ms..reportingTime");
      }
    }
  }

  /** InfluxDB for time series; with no {@code url}, time series go to PostgreSQL. */
  public record Influx(String url, String database, String user, String password, Duration flushEvery) {
    public static final String DEFAULT_DATABASE = "campusguard";
    public static final Duration DEFAULT_FLUSH_EVERY = Duration.ofSeconds(1);

    public Influx {
      database = database == null ? DEFAULT_DATABASE : database;
      flushEvery = flushEvery == null ? DEFAULT_FLUSH_EVERY : flushEvery;
      if (url != null && !url.startsWith("http://") && !url.startsWith("https://")) {
        throw new IllegalArgumentException("influx.url: must start with http:// or https://");
      }
      if (flushEvery.toMillis() < 10) {
        throw new IllegalArgumentException("influx.flushEvery: must be at least 10ms");
      }
    }
  }

  /**
   * Where the one-box defaults keep their data: the embedded PostgreSQL (when no {@code database.url}) and the
   * embedded county broker (when no {@code mqtt.url}), each listening on loopback; port 0 picks a free one.
   * {@code brokerAccounts} is the accounts file of the {@code broker-access} command: with it the embedded broker
   * lets in only those accounts, each on its own topics; without it, anyone on loopback (the one-box demo).
   * {@code brokerTls} adds a TLS listener for the gateways (0.0.0.0:8883 by default; the {@code pki} command's
   * files), the plain listener staying on loopback for the hub itself.
   */
  public record Embedded(String dataDir, Integer brokerPort, String brokerAccounts, TlsListenerSettings brokerTls) {
    public static final String DEFAULT_DATA_DIR = "data/hub";
    public static final int DEFAULT_BROKER_PORT = 1883;

    public Embedded {
      dataDir = dataDir == null ? DEFAULT_DATA_DIR : dataDir;
      brokerPort = brokerPort == null ? DEFAULT_BROKER_PORT : brokerPort;
      if (dataDir.isBlank()) {
        throw new IllegalArgumentException("embedded.dataDir: blank");
      }
      if (brokerPort < 0 || brokerPort > 65_535) {
        throw new IllegalArgumentException("embedded.brokerPort: must be 0..65535");
      }
      if (brokerAccounts != null && brokerAccounts.isBlank()) {
        throw new IllegalArgumentException("embedded.brokerAccounts: blank (leave it out for an open broker on loopback)");
      }
    }

    /** Without access control on the embedded broker. */
    public Embedded(String dataDir, Integer brokerPort) {
      this(dataDir, brokerPort, null, null);
    }

    /** Without a TLS listener. */
    public Embedded(String dataDir, Integer brokerPort, String brokerAccounts) {
      this(dataDir, brokerPort, brokerAccounts, null);
    }
  }

  /**
   * The upstream (city/province) platform: P0 alarms and their state changes are posted to {@code url}, retried
   * from {@code retryFirst} doubling to {@code retryMax}, at most {@code maxAttempts} times. No url: no hand-off.
   * {@code secret} (16 characters or more, shared with the platform) signs each request (HMAC-SHA256 over the
   * timestamp and body, see {@link io.campusguard.hub.upstream.WebhookSignature}).
   */
  public record Webhook(String url, Duration retryFirst, Duration retryMax, Integer maxAttempts, Duration timeout, String secret) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public Webhook(String url, Duration retryFirst, Duration retryMax, Integer maxAttempts, Duration timeout) {
      this(url, retryFirst, retryMax, maxAttempts, timeout, null);
    }

    public Webhook {
      retryFirst = retryFirst == null ? RetrySchedule.DEFAULT.first() : retryFirst;
      retryMax = retryMax == null ? RetrySchedule.DEFAULT.max() : retryMax;
      maxAttempts = maxAttempts == null ? RetrySchedule.DEFAULT.maxAttempts() : maxAttempts;
      timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
      if (url != null && !url.startsWith("http://") && !url.startsWith("https://")) {
        throw new IllegalArgumentException("webhook.url: must start with http:// or https://");
      }
      if (timeout.toMillis() < 100) {
        throw new IllegalArgumentException("webhook.timeout: must be at least 100ms");
      }
      schedule(retryFirst, retryMax, maxAttempts);
      if (secret != null) {
        new io.campusguard.hub.upstream.WebhookSignature(secret); // validates, naming the field
      }
    }

    /** The signer of each request, or null without a secret. */
    public io.campusguard.hub.upstream.WebhookSignature signature() {
      return secret == null ? null : new io.campusguard.hub.upstream.WebhookSignature(secret);
    }

    /** What the start log should warn about this hand-off: unsigned requests, plaintext http://. */
    public java.util.List<String> warnings() {
      java.util.List<String> out = new java.util.ArrayList<>();
      if (url != null && url.startsWith("http://")) {
        out.add("webhook.url " + url + " is plaintext http://: alarms cross the network readable and changeable; use https://");
      }
      if (url != null && secret == null) {
        out.add("webhook.secret is not set: the upstream platform cannot tell this hub's requests from forged ones");
      }
      return out;
    }

    public RetrySchedule schedule() {
      return schedule(retryFirst, retryMax, maxAttempts);
    }

    private static RetrySchedule schedule(Duration first, Duration max, int attempts) {
      return new RetrySchedule(first, max, attempts);
    }
  }
}
