package io.campusguard.hub.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.campusguard.hub.Futures;
import io.campusguard.runtime.tls.CountyPki;
import io.campusguard.testing.TestPki;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Each channel against a real receiver on loopback that checks the service's documented request shape. */
@Timeout(60)
class ChannelsTest {
  static Vertx vertx;
  static RobotReceiver robots;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    robots = new RobotReceiver("wecom-key-1", "ding-token-1", "SECdingsecret0123456789");
  }

  @AfterAll
  static void stop() {
    robots.close();
    Futures.await(vertx.close());
  }

  /** Verifies that the WeCom robot posts a text message with the key, the Chinese text and the recipient's mobile mentioned. */
  @Test
  void weComRobotIsAcceptedByItsReceiver() {
    WeComRobot wecom = new WeComRobot(vertx, new NotifyConfig.WeCom(robots.base() + "/cgi-bin/webhook/send", "wecom-key-1"), Duration.ofSeconds(5), 4);
    int before = robots.accepted().size();

    Futures.await(wecom.send(Notices.principal("wecom"), Notices.panic(42)));

    RobotReceiver.Request r = robots.accepted().get(before);
    JsonObject text = new JsonObject(r.body()).getJsonObject("text");
    assertThat(text.getString("content")).startsWith("【P0 告警】连平县第一小学 一键报警")
        .contains("教学楼A 101", "LP-017-PB-03", "2026-12-08 02:05:00", "http://127.0.0.1:8080/#/alarms/42");
    assertThat(text.getJsonArray("mentioned_mobile_list").getList()).containsExactly("13800000017");
  }

  /** Verifies that a wrong key is refused by the receiver (errcode, HTTP 200) and the channel reports the refusal. */
  @Test
  void weComRefusalFailsTheDelivery() {
    WeComRobot wecom = new WeComRobot(vertx, new NotifyConfig.WeCom(robots.base() + "/cgi-bin/webhook/send", "wrong-key"), Duration.ofSeconds(5), 4);

    assertThatThrownBy(() -> Futures.await(wecom.send(Notices.principal("wecom"), Notices.panic(42))))
        .hasMessageContaining("errcode 310000").hasMessageContaining("invalid webhook url");
  }

  /** Verifies that the DingTalk robot signs as DingTalk documents it and the receiver's own check accepts it. */
  @Test
  void dingTalkSignatureIsAccepted() {
    DingTalkRobot ding = new DingTalkRobot(vertx, new NotifyConfig.DingTalk(robots.base() + "/robot/send", "ding-token-1", "SECdingsecret0123456789"),
        Duration.ofSeconds(5), 4, Clock.systemUTC());
    int before = robots.accepted().size();

    Futures.await(ding.send(Notices.principal("dingtalk"), Notices.panic(43)));

    RobotReceiver.Request r = robots.accepted().get(before);
    JsonObject body = new JsonObject(r.body());
    assertThat(body.getJsonObject("at").getJsonArray("atMobiles").getList()).containsExactly("13800000017");
    assertThat(body.getJsonObject("text").getString("content")).contains("一键报警", "@13800000017");
  }

  /** Verifies that a signature made with another secret is refused by the receiver, so the check above can fail. */
  @Test
  void dingTalkWrongSecretIsRefused() {
    DingTalkRobot ding = new DingTalkRobot(vertx, new NotifyConfig.DingTalk(robots.base() + "/robot/send", "ding-token-1", "SECanotherSecret"),
        Duration.ofSeconds(5), 4, Clock.systemUTC());

    assertThatThrownBy(() -> Futures.await(ding.send(Notices.principal("dingtalk"), Notices.panic(43)))).hasMessageContaining("sign not match");
  }

  /** Verifies that a DingTalk signature from a clock off by more than an hour is refused. */
  @Test
  void dingTalkStaleTimestampIsRefused() {
    Clock late = Clock.offset(Clock.systemUTC(), Duration.ofHours(-2));
    DingTalkRobot ding = new DingTalkRobot(vertx, new NotifyConfig.DingTalk(robots.base() + "/robot/send", "ding-token-1", "SECdingsecret0123456789"),
        Duration.ofSeconds(5), 4, late);

    assertThatThrownBy(() -> Futures.await(ding.send(Notices.principal("dingtalk"), Notices.panic(43)))).hasMessageContaining("timestamp");
  }

  /** Verifies that the SMS template fills mobile and text escaped into JSON, and signs timestamp and body as configured. */
  @Test
  void smsTemplateReachesTheProvider() {
    List<JsonObject> received = new CopyOnWriteArrayList<>();
    HttpServer provider = Futures.await(vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
      String expected = hmacHex("sms-secret", req.getHeader("X-Ts") + "\n" + body.toString(StandardCharsets.UTF_8));
      boolean signed = expected.equals(req.getHeader("X-Sign")) && "Bearer abc".equals(req.getHeader("Authorization"));
      received.add(new JsonObject().put("signed", signed).put("body", body.toJsonObject()).put("query", req.query()));
      req.response().setStatusCode(signed ? 200 : 401).end("{}");
    })).listen(0, "127.0.0.1"));
    try {
      NotifyConfig.Sms config = new NotifyConfig.Sms("http://127.0.0.1:" + provider.actualPort() + "/sms/send?sign=CG", "POST",
          Map.of("Authorization", "Bearer abc"), null, "{\"to\":\"${mobile}\",\"content\":\"${text}\",\"ts\":${timestamp}}",
          new NotifyConfig.Signature("sms-secret", "X-Sign", "X-Ts"));
      SmsGateway sms = new SmsGateway(vertx, config, Duration.ofSeconds(5), 4, Clock.systemUTC());

      Futures.await(sms.send(Notices.principal("sms"), Notices.panic(44)));

      assertThat(received).hasSize(1);
      assertThat(received.get(0).getBoolean("signed")).isTrue();
      JsonObject body = received.get(0).getJsonObject("body");
      assertThat(body.getString("to")).isEqualTo("13800000017");
      // The text has newlines and quotes-free Chinese: it must arrive as one JSON string, intact.
      assertThat(body.getString("content")).isEqualTo(NoticeText.body(Notices.panic(44)));
      assertThat(received.get(0).getString("query")).isEqualTo("sign=CG");
    } finally {
      Futures.await(provider.close());
    }
  }

  /** Verifies that a provider's non-2xx answer fails the SMS delivery with the status. */
  @Test
  void smsProviderRefusalFails() {
    HttpServer provider = Futures.await(vertx.createHttpServer().requestHandler(req -> req.response().setStatusCode(403).end())
        .listen(0, "127.0.0.1"));
    try {
      NotifyConfig.Sms config = new NotifyConfig.Sms("http://127.0.0.1:" + provider.actualPort() + "/sms", "POST", null,
          "application/x-www-form-urlencoded", "to=${mobile}&msg=${text}", null);
      SmsGateway sms = new SmsGateway(vertx, config, Duration.ofSeconds(5), 4, Clock.systemUTC());
      assertThatThrownBy(() -> Futures.await(sms.send(Notices.principal("sms"), Notices.panic(44)))).hasMessageContaining("HTTP 403");
    } finally {
      Futures.await(provider.close());
    }
  }

  /** Verifies that e-mail goes over implicit TLS to a real SMTP server (GreenMail) that checks nothing of ours, with a Chinese subject and body. */
  @Test
  void emailOverTlsIsReceived(@TempDir Path dir) throws Exception {
    TestPki pki = TestPki.write(dir);
    Path keystore = greenMailKeystore(pki, dir);
    System.setProperty("greenmail.tls.keystore.file", keystore.toString());
    System.setProperty("greenmail.tls.keystore.password", "changeit");
    GreenMail smtp = new GreenMail(new ServerSetup(0, "localhost", ServerSetup.PROTOCOL_SMTPS).dynamicPort());
    smtp.start();
    try {
      smtp.setUser("hub@county.example", "hub", "hub-password");
      int port = smtp.getSmtps().getPort();
      SmtpMail mail = new SmtpMail(vertx, new NotifyConfig.Email("localhost", port, "tls", "hub", "hub-password", "hub@county.example", pki.ca()),
          Duration.ofSeconds(10), 2);

      Futures.await(mail.send(Notices.principal("email"), Notices.panic(45)));

      MimeMessage[] got = smtp.getReceivedMessages();
      assertThat(got).hasSize(1);
      assertThat(got[0].getSubject()).isEqualTo("【P0 告警】连平县第一小学 一键报警");
      assertThat(got[0].getAllRecipients()[0].toString()).isEqualTo("principal017@school.example");
      assertThat(((String) got[0].getContent()).replace("\r\n", "\n")).isEqualTo(NoticeText.body(Notices.panic(45)));

      // control: a relay whose certificate this CA did not sign is refused, nothing is sent in the clear
      SmtpMail untrusting = new SmtpMail(vertx, new NotifyConfig.Email("localhost", port, "tls", "hub", "hub-password", "hub@county.example", pki.otherCa()),
          Duration.ofSeconds(10), 2);
      assertThatThrownBy(() -> Futures.await(untrusting.send(Notices.principal("email"), Notices.panic(46)))).hasMessageContaining("SMTP");
      assertThat(smtp.getReceivedMessages()).hasSize(1);
    } finally {
      smtp.stop();
      System.clearProperty("greenmail.tls.keystore.file");
      System.clearProperty("greenmail.tls.keystore.password");
    }
  }

  /**
   * Verifies that with STARTTLS configured, a relay that does not offer it gets nothing (never plaintext instead),
   * while the same relay takes the mail when plaintext to loopback is configured on purpose (the control).
   */
  @Test
  void startTlsIsRequiredNeverSkipped() throws Exception {
    GreenMail smtp = new GreenMail(new ServerSetup(0, "localhost", ServerSetup.PROTOCOL_SMTP).dynamicPort());
    smtp.start();
    try {
      int port = smtp.getSmtp().getPort();
      SmtpMail starttls = new SmtpMail(vertx, new NotifyConfig.Email("localhost", port, "starttls", null, null, "hub@county.example", null),
          Duration.ofSeconds(10), 2);
      assertThatThrownBy(() -> Futures.await(starttls.send(Notices.principal("email"), Notices.panic(47)))).hasMessageContaining("SMTP");
      assertThat(smtp.getReceivedMessages()).isEmpty();

      SmtpMail plain = new SmtpMail(vertx, new NotifyConfig.Email("localhost", port, "none", null, null, "hub@county.example", null),
          Duration.ofSeconds(10), 2);
      Futures.await(plain.send(Notices.principal("email"), Notices.panic(48)));
      assertThat(smtp.getReceivedMessages()).hasSize(1);
    } finally {
      smtp.stop();
    }
  }

  /** GreenMail's own test certificate names no host; ours names localhost, signed by the test CA. */
  private static Path greenMailKeystore(TestPki pki, Path dir) throws Exception {
    CountyPki.Issued server = CountyPki.read(Path.of(pki.brokerCert()), Path.of(pki.brokerKey()));
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("greenmail", server.key(), "changeit".toCharArray(), new Certificate[] {server.certificate()});
    Path file = dir.resolve("greenmail.p12");
    try (OutputStream out = Files.newOutputStream(file)) {
      ks.store(out, "changeit".toCharArray());
    }
    return file;
  }

  private static String hmacHex(String secret, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
