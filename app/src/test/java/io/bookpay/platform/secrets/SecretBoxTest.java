package io.bookpay.platform.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** The secrets key has a general name now; installations that set the webhook-only name keep reading their secrets. */
class SecretBoxTest {

  private static String key() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }

  @Test
  void theNewNameSealsAndOpens() {
    SecretBox box = new SecretBox(new SecretsProperties(key()), new MockEnvironment());
    byte[] sealed = box.seal("rk_test_abc");
    assertThat(new String(sealed)).doesNotContain("rk_test_abc");
    assertThat(box.open(sealed)).isEqualTo("rk_test_abc");
  }

  @Test
  void theOldNameIsStillReadAndOpensWhatItSealed() {
    String old = key();
    SecretBox before = new SecretBox(new SecretsProperties(null), new MockEnvironment().withProperty(SecretsProperties.LEGACY_PROPERTY, old));
    byte[] sealed = before.seal("whsec_kept");
    SecretBox renamed = new SecretBox(new SecretsProperties(old), new MockEnvironment());
    assertThat(renamed.open(sealed)).isEqualTo("whsec_kept");
  }

  @Test
  void theNewNameWinsAndWithoutAKeyNothingIsSealed() {
    String newKey = key();
    SecretBox both = new SecretBox(new SecretsProperties(newKey), new MockEnvironment().withProperty(SecretsProperties.LEGACY_PROPERTY, key()));
    assertThat(new SecretBox(new SecretsProperties(newKey), new MockEnvironment()).open(both.seal("x"))).isEqualTo("x");
    SecretBox none = new SecretBox(new SecretsProperties(null), new MockEnvironment());
    assertThat(none.configured()).isFalse();
    assertThatThrownBy(() -> none.seal("x")).hasMessageContaining("BOOKPAY_SECRETS_KEY");
  }
}
