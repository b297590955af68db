package io.bookpay.events;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names an event record on the wire. The name is part of the published language: renaming the
 * Java record must not change it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventType {

  /** The wire name, past tense: {@code CustomerRegistered}. */
  String value();

  /** The payload's schema version. */
  int schemaVersion() default 1;
}
