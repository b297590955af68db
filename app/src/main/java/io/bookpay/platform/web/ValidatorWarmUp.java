package io.bookpay.platform.web;

import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Fails one validation at startup. Hibernate Validator reads its message bundles from its jar on
 * the first failed validation; doing that here keeps the file I/O off the event loop, where the
 * first bad request would otherwise pay for it.
 */
@Component
class ValidatorWarmUp implements SmartInitializingSingleton {

  private final Validator validator;

  ValidatorWarmUp(Validator validator) {
    this.validator = validator;
  }

  @Override
  public void afterSingletonsInstantiated() {
    validator.validate(new Probe(null));
  }

  private record Probe(@NotNull String value) {}
}
