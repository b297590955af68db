package io.bookpay.platform.web;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/**
 * Under Spring AOT (docker/jvm.options) the management port was settled when the jar was built: a
 * MANAGEMENT_SERVER_PORT given at run time was silently ignored, Actuator stayed on the public port and
 * the management port never opened (probes against it failed). The start now refuses it instead.
 */
class SwitchesSettledAtBuildTest {

  @Test
  void underAotAManagementPortOfItsOwnOrDisabledRefusesTheStart() {
    assertThatThrownBy(() -> SwitchesSettledAtBuild.check(new MockEnvironment().withProperty("management.server.port", "8081"), true))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("management.server.port")
        .hasMessageContaining("spring.aot.enabled=false");
    assertThatThrownBy(() -> SwitchesSettledAtBuild.check(new MockEnvironment().withProperty("management.server.port", "-1"), true))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> SwitchesSettledAtBuild.check(new MockEnvironment().withProperty("springdoc.use-management-port", "true"), true))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("springdoc.use-management-port");
  }

  @Test
  void theBuildsOwnChoicesAndAnyChoiceWithoutAotStart() {
    assertThatCode(() -> SwitchesSettledAtBuild.check(new MockEnvironment(), true)).doesNotThrowAnyException();
    assertThatCode(() -> SwitchesSettledAtBuild.check(new MockEnvironment()
        .withProperty("server.port", "9000").withProperty("management.server.port", "9000"), true)).doesNotThrowAnyException();
    assertThatCode(() -> SwitchesSettledAtBuild.check(new MockEnvironment()
        .withProperty("management.server.port", "8081").withProperty("springdoc.use-management-port", "true"), false))
        .doesNotThrowAnyException();
  }
}
