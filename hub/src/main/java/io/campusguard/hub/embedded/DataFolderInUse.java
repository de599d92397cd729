package io.campusguard.hub.embedded;

/**
 * The embedded database's folder is held by a server this start cannot take over: another hub still running on
 * it, or a server left by a killed hub that would not stop. Not a fault of this process: starting it again will
 * not help until someone acts, so the start is refused in one line naming the folder and the process.
 */
public final class DataFolderInUse extends IllegalStateException {
  public DataFolderInUse(String message) {
    super(message);
  }
}
