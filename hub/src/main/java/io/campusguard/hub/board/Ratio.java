package io.campusguard.hub.board;

/** {@code ok} of {@code total}; met only when there is something to count and all of it is ok. */
public record Ratio(int ok, int total) {
  public static final Ratio NONE = new Ratio(0, 0);

  public Ratio {
    if (ok < 0 || total < 0 || ok > total) {
      throw new IllegalArgumentException("ok, total: need 0 <= ok <= total");
    }
  }

  /** Null when there is nothing to count: a campus with no camera is not "100 % online". */
  public Double ratio() {
    return total == 0 ? null : (double) ok / total;
  }

  public boolean met() {
    return total > 0 && ok == total;
  }

  public Ratio plus(Ratio other) {
    return new Ratio(ok + other.ok, total + other.total);
  }
}
