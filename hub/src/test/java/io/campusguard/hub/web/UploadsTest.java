package io.campusguard.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.campusguard.hub.HubHttp;
import io.campusguard.hub.TestDatabase;
import io.campusguard.hub.TestHub;
import io.campusguard.hub.auth.Role;
import io.campusguard.hub.auth.User;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Multipart uploads never reach the disk, on any route, signed in or not; every body is bounded. */
@Timeout(120)
class UploadsTest {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  /** Where Vert.x's {@code BodyHandler.create()} keeps uploads: under the working directory. */
  private static final Path UPLOADS = Path.of("file-uploads");
  private static final String BOUNDARY = "cgboundary" + UUID.randomUUID().toString().replace("-", "");
  private static TestDatabase db;
  private static TestHub hub;
  private static HubHttp http;

  @BeforeAll
  static void start() {
    db = new TestDatabase();
    hub = new TestHub(db.config(), "u" + UUID.randomUUID().toString().substring(0, 8));
    http = new HubHttp(hub);
  }

  @AfterAll
  static void stop() {
    if (hub != null) {
      hub.close();
    }
    db.close();
  }

  /**
   * Verifies that a multipart file sent to the login (no session, no Origin), to the asset import and to a generic
   * API route leaves no file behind, and that the login refuses a foreign origin before reading the body.
   */
  @Test
  void uploadsLeaveNothingOnDisk() throws Exception {
    Set<Path> before = files();
    HubHttp.Session admin = http.as(new User("up-admin", "", Role.ADMIN, null));

    HttpResponse<String> anonymous = send(HttpRequest.newBuilder(http.uri("/api/login")), multipart(1000));
    HttpResponse<String> foreign = send(HttpRequest.newBuilder(http.uri("/api/login")).header("Origin", "http://evil.example"), multipart(1000));
    HttpResponse<String> ownLogin = send(HttpRequest.newBuilder(http.uri("/api/login")).header("Origin", http.origin()), multipart(1000));
    HttpResponse<String> imported = send(admin.request("/api/assets/import", "POST", null), multipart(1000));
    HttpResponse<String> generic = send(admin.request("/api/campuses/LP-801/test-mode", "POST", null), multipart(1000));

    assertThat(anonymous.statusCode()).isEqualTo(403);
    assertThat(foreign.statusCode()).isEqualTo(403);
    assertThat(ownLogin.statusCode()).isEqualTo(400);
    assertThat(imported.statusCode()).isBetween(400, 499);
    assertThat(generic.statusCode()).isBetween(400, 499);
    assertThat(files()).as("files under " + UPLOADS.toAbsolutePath()).isEqualTo(before);
  }

  /** Verifies that a body past its route's limit is refused with 413, multipart included, and nothing is kept. */
  @Test
  void bodiesAreBounded() throws Exception {
    Set<Path> before = files();
    HubHttp.Session admin = http.as(new User("up-admin2", "", Role.ADMIN, null));
    String bigJson = "{\"user\":\"" + "a".repeat(AuthApi.MAX_BODY_BYTES) + "\",\"password\":\"x\"}";

    HttpResponse<String> login = send(HttpRequest.newBuilder(http.uri("/api/login")).header("Origin", http.origin())
        .header("Content-Type", "application/json"), HttpRequest.BodyPublishers.ofString(bigJson));
    HttpResponse<String> loginMultipart = send(HttpRequest.newBuilder(http.uri("/api/login")).header("Origin", http.origin()),
        multipart(64 * 1024));
    HttpResponse<String> generic = send(admin.request("/api/campuses/LP-801/test-mode", "POST", null), multipart(HubApi.MAX_BODY_BYTES + 1));

    assertThat(login.statusCode()).isEqualTo(413);
    assertThat(loginMultipart.statusCode()).isEqualTo(413);
    assertThat(generic.statusCode()).isEqualTo(413);
    assertThat(files()).isEqualTo(before);
    // control: a login of the right size is read
    assertThat(send(HttpRequest.newBuilder(http.uri("/api/login")).header("Origin", http.origin()).header("Content-Type", "application/json"),
        HttpRequest.BodyPublishers.ofString("{\"user\":\"up-nobody\",\"password\":\"x\"}")).statusCode()).isEqualTo(401);
  }

  private static HttpRequest.BodyPublisher multipart(int fileBytes) {
    String head = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x.bin\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n";
    String tail = "\r\n--" + BOUNDARY + "--\r\n";
    byte[] body = (head + "x".repeat(fileBytes) + tail).getBytes(StandardCharsets.US_ASCII);
    return HttpRequest.BodyPublishers.ofByteArray(body);
  }

  private static HttpResponse<String> send(HttpRequest.Builder b, HttpRequest.BodyPublisher body) throws Exception {
    HttpRequest.Builder r = b.timeout(Duration.ofSeconds(10)).method("POST", body);
    if (b.build().headers().firstValue("Content-Type").isEmpty()) {
      r.header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY);
    }
    try {
      return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      // A server may close the connection while a refused body is still being sent: that is a refusal too.
      throw new AssertionError("no answer: " + e, e);
    }
  }

  private static Set<Path> files() throws IOException {
    if (!Files.isDirectory(UPLOADS)) {
      return Set.of();
    }
    try (Stream<Path> s = Files.list(UPLOADS)) {
      return s.collect(Collectors.toSet());
    }
  }
}
