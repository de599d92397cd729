package io.campusguard.runtime.config;

/** A configuration that cannot be used. The message starts with the field (or variable) at fault. */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String field;

  public ConfigException(String field, String reason) {
    super(field + ": " + reason);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
