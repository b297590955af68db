package io.bookpay.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The image starts with Spring's build-time processing (spring.aot.enabled in docker/jvm.options):
 * a condition on one of Bookpay's own beans is decided when the jar is built, so a bean switched by
 * a property or a profile would stay at the build's value whatever the deployment sets. Such a
 * switch is decided at run time instead (PaymentGatewayConfiguration, the projection consumers). The
 * normal tests run without AOT and could not notice; this rule does.
 */
class AotConditionsTest {

  /** Conditions that decide the same at build time as at any start, with the reason. */
  private static final Map<String, String> DECIDED_THE_SAME = Map.of(
      "io.bookpay.platform.clock.ClockConfiguration.clock()",
      "no other Clock bean is defined in the application, so AOT keeps this one; the tests (without AOT) and "
          + "`seed --demo` (a singleton of the same name registered at run time) replace it either way");

  @Test
  void noBeanOfBookpayIsSwitchedByAConditionThatAotWouldFreeze() {
    Set<String> frozen = new TreeSet<>();
    for (JavaClass type : ImportedApplication.CLASSES) {
      type.getAnnotations().stream().filter(AotConditionsTest::isCondition)
          .forEach(a -> frozen.add(type.getName() + " @" + a.getRawType().getSimpleName()));
      for (JavaMethod method : type.getMethods()) {
        String name = type.getName() + "." + method.getName() + "()";
        method.getAnnotations().stream().filter(AotConditionsTest::isCondition)
            .filter(a -> !DECIDED_THE_SAME.containsKey(name))
            .forEach(a -> frozen.add(name + " @" + a.getRawType().getSimpleName()));
      }
    }
    assertThat(frozen)
        .as("conditions Spring AOT decides at build time: decide the switch at run time (see PaymentGatewayConfiguration)")
        .isEmpty();
  }

  private static boolean isCondition(JavaAnnotation<?> annotation) {
    String name = annotation.getRawType().getName();
    return name.startsWith("org.springframework.boot.autoconfigure.condition.Conditional")
        || name.equals("org.springframework.context.annotation.Conditional")
        || name.equals("org.springframework.context.annotation.Profile");
  }
}
