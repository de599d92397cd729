package io.campusguard.hub.notify;

import io.campusguard.hub.upstream.RetrySchedule;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code notifications} section of the hub's YAML: the console's public address (for the link in each message), the
 * channels the county has (any of {@code wecom}, {@code dingtalk}, {@code sms}, {@code email}; one left out is not
 * offered), how long one attempt may take, how often a channel is retried before falling over to the next, and how
 * many deliveries may wait. Validated at construction; every error names its field.
 */
public record NotifyConfig(
    String consoleUrl,
    Duration timeout,
    Duration retryFirst,
    Duration retryMax,
    Integer attemptsPerChannel,
    Integer queueCapacity,
    Integer concurrency,
    WeCom wecom,
    DingTalk dingtalk,
    Sms sms,
    Email email) {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_RETRY_FIRST = Duration.ofSeconds(1);
  public static final Duration DEFAULT_RETRY_MAX = Duration.ofSeconds(30);
  public static final int DEFAULT_ATTEMPTS_PER_CHANNEL = 3;
  public static final int DEFAULT_QUEUE_CAPACITY = 2_000;
  public static final int DEFAULT_CONCURRENCY = 16;

  public NotifyConfig {
    consoleUrl = consoleUrl == null ? "http://127.0.0.1:8080/" : consoleUrl;
    timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    retryFirst = retryFirst == null ? DEFAULT_RETRY_FIRST : retryFirst;
    retryMax = retryMax == null ? DEFAULT_RETRY_MAX : retryMax;
    attemptsPerChannel = attemptsPerChannel == null ? DEFAULT_ATTEMPTS_PER_CHANNEL : attemptsPerChannel;
    queueCapacity = queueCapacity == null ? DEFAULT_QUEUE_CAPACITY : queueCapacity;
    concurrency = concurrency == null ? DEFAULT_CONCURRENCY : concurrency;
    httpUrl("consoleUrl", consoleUrl);
    if (timeout.toMillis() < 100) {
      throw new IllegalArgumentException("timeout: must be at least 100ms");
    }
    if (retryFirst.toMillis() < 10 || retryMax.compareTo(retryFirst) < 0) {
      throw new IllegalArgumentException("retryFirst: need 10ms <= retryFirst <= retryMax");
    }
    if (attemptsPerChannel < 1 || attemptsPerChannel > 20) {
      throw new IllegalArgumentException("attemptsPerChannel: must be 1..20");
    }
    if (queueCapacity < 1) {
      throw new IllegalArgumentException("queueCapacity: must be at least 1");
    }
    if (concurrency < 1 || concurrency > 1_000) {
      throw new IllegalArgumentException("concurrency: must be 1..1000");
    }
  }

  public static NotifyConfig defaults() {
    return new NotifyConfig(null, null, null, null, null, null, null, null, null, null, null);
  }

  /** The wait before retrying a channel after its n-th failed attempt. */
  public RetrySchedule retries() {
    return new RetrySchedule(retryFirst, retryMax, attemptsPerChannel);
  }

  /** The console page of one alarm. */
  public String alarmLink(long alarmId) {
    return (consoleUrl.endsWith("/") ? consoleUrl : consoleUrl + "/") + "#/alarms/" + alarmId;
  }

  /** A WeCom (企业微信) group robot: {@code url} is the webhook endpoint, {@code key} the robot's key. */
  public record WeCom(String url, String key) {
    public static final String DEFAULT_URL = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send";

    public WeCom {
      url = url == null ? DEFAULT_URL : url;
      httpUrl("wecom.url", url);
      if (key == null || key.isBlank()) {
        throw new IllegalArgumentException("wecom.key: required (the robot's webhook key)");
      }
    }
  }

  /**
   * A DingTalk (钉钉) custom robot: {@code accessToken} from its webhook address; {@code secret} (SEC…) when the robot
   * is secured by signing, which DingTalk recommends.
   */
  public record DingTalk(String url, String accessToken, String secret) {
    public static final String DEFAULT_URL = "https://oapi.dingtalk.com/robot/send";

    public DingTalk {
      url = url == null ? DEFAULT_URL : url;
      httpUrl("dingtalk.url", url);
      if (accessToken == null || accessToken.isBlank()) {
        throw new IllegalArgumentException("dingtalk.accessToken: required (from the robot's webhook address)");
      }
      if (secret != null && secret.isBlank()) {
        throw new IllegalArgumentException("dingtalk.secret: blank (leave it out for a robot without signing)");
      }
    }
  }

  /**
   * An SMS provider's HTTP API as a template: {@code bodyTemplate} (and {@code url}) may hold {@code ${mobile}},
   * {@code ${text}}, {@code ${timestamp}} (epoch milliseconds) and {@code ${nonce}}, filled in escaped for
   * {@code contentType} (JSON strings or form/URL encoding). {@code signature}, when set, signs
   * {@code timestamp + "\n" + body} with HMAC-SHA256 (hex) into a header. A 2xx answer is a delivery.
   */
  public record Sms(String url, String method, Map<String, String> headers, String contentType, String bodyTemplate, Signature signature) {
    public Sms {
      httpUrl("sms.url", url);
      method = method == null ? "POST" : method.toUpperCase(Locale.ROOT);
      headers = headers == null ? Map.of() : Map.copyOf(headers);
      contentType = contentType == null ? "application/json" : contentType;
      if (!method.equals("POST") && !method.equals("PUT") && !method.equals("GET")) {
        throw new IllegalArgumentException("sms.method: one of POST, PUT, GET");
      }
      if (!method.equals("GET") && (bodyTemplate == null || bodyTemplate.isBlank())) {
        throw new IllegalArgumentException("sms.bodyTemplate: required for " + method);
      }
      if (!contentType.startsWith("application/json") && !contentType.startsWith("application/x-www-form-urlencoded")) {
        throw new IllegalArgumentException("sms.contentType: application/json or application/x-www-form-urlencoded");
      }
      String all = url + (bodyTemplate == null ? "" : bodyTemplate);
      if (!all.contains("${mobile}") || !all.contains("${text}")) {
        throw new IllegalArgumentException("sms.bodyTemplate: must place ${mobile} and ${text} (in the body or the url)");
      }
    }
  }

  /** How an SMS request is signed: HMAC-SHA256 (hex) of {@code timestamp + "\n" + body} with {@code secret}. */
  public record Signature(String secret, String header, String timestampHeader) {
    public Signature {
      header = header == null ? "X-Signature" : header;
      timestampHeader = timestampHeader == null ? "X-Timestamp" : timestampHeader;
      if (secret == null || secret.isBlank()) {
        throw new IllegalArgumentException("signature.secret: required");
      }
    }
  }

  /**
   * An SMTP relay. {@code security}: {@code starttls} (default, port 587), {@code tls} (implicit TLS, port 465), or
   * {@code none}, allowed only to a relay on loopback. {@code caFile} (PEM) replaces the system's trusted CAs.
   */
  public record Email(String host, Integer port, String security, String user, String password, String from, String caFile) {
    public Email {
      security = security == null ? "starttls" : security.toLowerCase(Locale.ROOT);
      if (host == null || host.isBlank()) {
        throw new IllegalArgumentException("email.host: required");
      }
      if (!security.equals("starttls") && !security.equals("tls") && !security.equals("none")) {
        throw new IllegalArgumentException("email.security: one of starttls, tls, none");
      }
      if (security.equals("none") && !isLoopback(host)) {
        throw new IllegalArgumentException("email.security: none only to a relay on loopback; mail to " + host + " needs starttls or tls");
      }
      port = port == null ? (security.equals("tls") ? 465 : 587) : port;
      if (port < 1 || port > 65_535) {
        throw new IllegalArgumentException("email.port: must be 1..65535");
      }
      if (from == null || !from.matches("[^@\\s]+@[^@\\s]+")) {
        throw new IllegalArgumentException("email.from: required, an address");
      }
      if ((user == null) != (password == null)) {
        throw new IllegalArgumentException("email.user: user and password go together");
      }
    }

    private static boolean isLoopback(String host) {
      return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
    }
  }

  private static void httpUrl(String field, String url) {
    if (url == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
      throw new IllegalArgumentException(field + ": must start with http:// or https://");
    }
    try {
      URI.create(url.replace("${", "").replace("}", ""));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(field + ": not a URL: " + e.getMessage());
    }
  }
}
