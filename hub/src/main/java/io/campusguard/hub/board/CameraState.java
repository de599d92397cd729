package io.campusguard.hub.board;

/** What the county sees of one camera. Only {@link #ONLINE} counts towards "video surveillance online". */
public enum CameraState {
  ONLINE,
  /** It reports video loss: the camera answers but sends no picture. */
  VIDEO_LOSS,
  /** Offline by an alarm or silent beyond its profile's limit. */
  OFFLINE,
  /** Its NVR is down: shown once under the NVR, not once per camera. */
  NVR_DOWN
}
