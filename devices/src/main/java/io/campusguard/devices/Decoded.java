package io.campusguard.devices;

import java.util.function.Function;

/**
 * The outcome of decoding untrusted input: either the typed value or a {@link Rejection} naming the field.
 * Decoders return this instead of throwing, so a caller can count and keep aside every refusal.
 */
public sealed interface Decoded<T> permits Decoded.Ok, Decoded.Rejected {

  record Ok<T>(T value) implements Decoded<T> {}

  record Rejected<T>(Rejection rejection) implements Decoded<T> {}

  static <T> Decoded<T> ok(T value) {
    return new Ok<>(value);
  }

  static <T> Decoded<T> rejected(Rejection rejection) {
    return new Rejected<>(rejection);
  }

  default boolean isOk() {
    return this instanceof Ok;
  }

  /** The value; throws {@link IllegalStateException} with the rejection when there is none. */
  default T orElseThrow() {
    if (this instanceof Ok<T> ok) {
      return ok.value();
    }
    throw new IllegalStateException("rejected: " + ((Rejected<T>) this).rejection());
  }

  default Rejection rejection() {
    if (this instanceof Rejected<T> r) {
      return r.rejection();
    }
    throw new IllegalStateException("not rejected");
  }

  default <R> Decoded<R> map(Function<T, R> f) {
    if (this instanceof Ok<T> ok) {
      return new Ok<>(f.apply(ok.value()));
    }
    return new Rejected<>(((Rejected<T>) this).rejection());
  }
}
