package io.bookpay.events;

/** Bytes that could not be read as an event envelope. */
public class MalformedEventException extends RuntimeException {

  public MalformedEventException(String message, Throwable cause) {
    super(message, cause);
  }
}
