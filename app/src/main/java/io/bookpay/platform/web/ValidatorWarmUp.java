package io.bookpay.platform.web;

import io.bookpay.platform.worker.WarmUps;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Fails one validation at startup (on the warm-up thread, see {@link WarmUps}). Hibernate
 * Validator reads its message bundles from its jar on the first failed validation; doing that here
 * keeps the file I/O off the event loop, where the first bad request would otherwise pay for it.
 */
@Component
class ValidatorWarmUp implements SmartInitializingSingleton {

  private final Validator validator;
  private final WarmUps warmUps;

  ValidatorWarmUp(Validator validator, WarmUps warmUps) {
    this.validator = validator;
    this.warmUps = warmUps;
  }

  @Override
  public void afterSingletonsInstantiated() {
    warmUps.run(this::warmUp);
  }

  private void warmUp() {
    validator.validate(new Probe(null));
  }

  private record Probe(@NotNull String value) {}
}
