package io.bookpay.platform.web;

import org.springframework.aot.AotDetector;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Refuses a start under Spring AOT ({@code spring.aot.enabled}, docker/jvm.options) that asks at run
 * time for a switch the build settled: Spring Boot decides its auto-configuration's conditions when
 * the jar is built, with application.yml, which gives Actuator no port of its own. A
 * {@code MANAGEMENT_SERVER_PORT} set at run time was silently ignored: Actuator stayed on the public
 * port and the management port never opened. Better no start than that; the message says how to
 * start without AOT.
 */
@Component
class SwitchesSettledAtBuild {

  SwitchesSettledAtBuild(Environment environment) {
    check(environment, AotDetector.useGeneratedArtifacts());
  }

  static void check(Environment environment, boolean aot) {
    if (!aot) {
      return;
    }
    if (ManagementPortType.get(environment) != ManagementPortType.SAME) {
      throw refused("management.server.port=" + environment.getProperty("management.server.port")
          + " (Actuator on a port of its own, or none)");
    }
    if (environment.getProperty("springdoc.use-management-port", Boolean.class, false)) {
      throw refused("springdoc.use-management-port=true");
    }
  }

  private static IllegalStateException refused(String setting) {
    return new IllegalStateException(setting + " cannot take effect under Spring AOT (spring.aot.enabled=true, as in"
        + " docker/jvm.options): the build settled it with application.yml's values, and the start would silently"
        + " ignore it. Start with -Dspring.aot.enabled=false (after @docker/jvm.options), or build the jar with the"
        + " setting in application.yml.");
  }
}
