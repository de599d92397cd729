package io.campusguard.hub.assets;

/** One problem in an imported file: the row (1 = the first data row after the header), the column, why. */
public record RowError(int row, String field, String message) {
  @Override
  public String toString() {
    return "row " + row + ", " + field + ": " + message;
  }
}
