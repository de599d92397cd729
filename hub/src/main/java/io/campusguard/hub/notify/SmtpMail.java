package io.campusguard.hub.notify;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Date;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * E-mail through an SMTP relay with Jakarta Mail (Eclipse Angus). Sending blocks on the network, so it runs on an
 * executor of its own with a few threads: a slow relay holds those threads only, never an event loop or another
 * channel. STARTTLS is required when configured (never silently plaintext), and the relay's certificate and host
 * name are checked.
 */
public final class SmtpMail implements NotificationChannel {
  public static final String NAME = "email";

  private final NotifyConfig.Email config;
  private final Session session;
  private final WorkerExecutor executor;

  public SmtpMail(Vertx vertx, NotifyConfig.Email config, Duration timeout, int threads) {
    this.config = config;
    this.session = Session.getInstance(properties(config, timeout));
    this.executor = vertx.createSharedWorkerExecutor("cg-notify-smtp", threads, timeout.toMillis() * 3, java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  /** Reads {@code caFile} now: a bad one refuses the start, naming the field. */
  static Properties properties(NotifyConfig.Email config, Duration timeout) {
    Properties p = new Properties();
    boolean implicit = config.security().equals("tls");
    String proto = implicit ? "smtps" : "smtp";
    p.put("mail.transport.protocol", proto);
    p.put("mail." + proto + ".host", config.host());
    p.put("mail." + proto + ".port", Integer.toString(config.port()));
    p.put("mail." + proto + ".auth", Boolean.toString(config.user() != null));
    String ms = Long.toString(timeout.toMillis());
    p.put("mail." + proto + ".connectiontimeout", ms);
    p.put("mail." + proto + ".timeout", ms);
    p.put("mail." + proto + ".writetimeout", ms);
    if (config.security().equals("starttls")) {
      p.put("mail.smtp.starttls.enable", "true");
      p.put("mail.smtp.starttls.required", "true");
    }
    if (!config.security().equals("none")) {
      p.put("mail." + proto + ".ssl.checkserveridentity", "true");
      if (config.caFile() != null) {
        p.put("mail." + proto + ".ssl.socketFactory", trusting(Path.of(config.caFile())));
      }
    }
    return p;
  }

  private static SSLSocketFactory trusting(Path caFile) {
    try (InputStream in = Files.newInputStream(caFile)) {
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      int i = 0;
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        trust.setCertificateEntry("ca-" + i++, c);
      }
      if (i == 0) {
        throw new IllegalArgumentException("email.caFile: no certificate in " + caFile);
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext ssl = SSLContext.getInstance("TLS");
      ssl.init(null, tmf.getTrustManagers(), null);
      return ssl.getSocketFactory();
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("email.caFile: cannot read " + caFile + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Future<Void> send(Recipient to, Notice notice) {
    return executor.<Void>executeBlocking(() -> {
      try {
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress(config.from()));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(to.email()));
        m.setSubject(NoticeText.title(notice), "UTF-8");
        m.setText(NoticeText.body(notice), "UTF-8");
        m.setSentDate(new Date());
        m.saveChanges();
        // The transport by its protocol: Transport.send would pick plain "smtp" for any address, whatever the session says.
        try (Transport t = session.getTransport(config.security().equals("tls") ? "smtps" : "smtp")) {
          t.connect(config.host(), config.port(), config.user(), config.password());
          t.sendMessage(m, m.getAllRecipients());
        }
        return null;
      } catch (MessagingException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
          root = root.getCause();
        }
        throw new DeliveryFailure("SMTP: " + HttpAnswers.describe(root));
      }
    }, false);
  }

  @Override
  public Future<Void> close() {
    return executor.close();
  }
}
