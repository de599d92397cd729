package io.campusguard.hub.web;

import io.vertx.ext.web.handler.BodyHandler;

/**
 * The one way the hub reads a request body: into memory, up to a limit, never to disk. {@code BodyHandler.create()}
 * would stream every multipart file part into {@code file-uploads/} under the working directory and keep it, even on
 * routes that read no file and before the session is checked (the login): a loop of {@code curl -F f=@x} filled the
 * disk PostgreSQL and the broker write to. No route of the hub takes a file upload (the asset register arrives as
 * the CSV text itself), so file parts are read and dropped, each counted against the same limit.
 */
public final class RequestBodies {
  private RequestBodies() {
  }

  /** A body handler that answers 413 past {@code maxBytes} (multipart parts included) and writes nothing to disk. */
  public static BodyHandler bounded(long maxBytes) {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes: must be positive");
    }
    // Uploads off (no directory, no file); deleting at the end as well, should a later change turn them on.
    return BodyHandler.create(false).setBodyLimit(maxBytes).setDeleteUploadedFilesOnEnd(true);
  }
}
