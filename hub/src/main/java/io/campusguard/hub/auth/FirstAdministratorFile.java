package io.campusguard.hub.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Where the hub puts the first administrator's generated password: a file readable by the hub's own user only
 * (0600, made so from its creation, never widened), instead of the log. The administrator must change the
 * password at its first sign-in, after which the file says nothing useful and can be deleted.
 */
public final class FirstAdministratorFile {
  public static final String NAME = "first-administrator-password";

  private FirstAdministratorFile() {}

  /** Writes {@code issued}'s id and password to {@code file} (replacing a stale one); returns the file. Blocking. */
  public static Path write(Path file, UserStore.Issued issued) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Files.deleteIfExists(file);
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (FileAlreadyExistsException raced) {
      throw new IOException(file + ": appeared while being written; not overwriting it", raced);
    }
    String text = "# CampusGuard hub: the first administrator. Sign in at the console; a new password is required at once.\n"
        + "user: " + issued.user().id() + "\npassword: " + issued.password() + "\n";
    Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    return file;
  }
}
