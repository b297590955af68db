package io.bookpay.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiKeyFormatTest {

  private final ApiKeyFormat format = new ApiKeyFormat();

  @Test
  void aGeneratedKeyHasItsPrefixAndMatchesOnlyItsHash() {
    ApiKeyFormat.NewKey key = format.generate();
    assertThat(key.key()).matches("bpk_[A-Za-z0-9_-]{11}_[A-Za-z0-9_-]{43}");
    assertThat(ApiKeyFormat.prefixOf(key.key())).contains(key.prefix());
    assertThat(ApiKeyFormat.sameHash(ApiKeyFormat.sha256(key.key()), key.hash())).isTrue();
    assertThat(ApiKeyFormat.sameHash(ApiKeyFormat.sha256(key.key() + "x"), key.hash())).isFalse();
    assertThat(key.hash()).hasSize(32);
    assertThat(format.generate().key()).isNotEqualTo(key.key());
  }

  @Test
  void malformedKeysHaveNoPrefix() {
    assertThat(ApiKeyFormat.prefixOf("")).isEmpty();
    assertThat(ApiKeyFormat.prefixOf("bpk_short_secret")).isEmpty();
    assertThat(ApiKeyFormat.prefixOf("xyz_AAAAAAAAAAA_" + "A".repeat(43))).isEmpty();
  }
}
