package io.bookpay.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import io.bookpay.architecture.ImportedApplication.Use;
import io.bookpay.architecture.ModuleMap.Module;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The module rules of DESIGN.md, held by the code: the platform is open to all and knows no
 * feature; a feature reaches another only through its public service types; the read side learns
 * from the events only; the events know no application class; and the dependencies between
 * features are exactly the ones {@link ModuleMap} declares, so a new one fails the build until it
 * is declared there.
 */
class ModuleBoundariesTest {

  private static final JavaClasses classes = ImportedApplication.CLASSES;
  private static final List<Use> uses = ImportedApplication.USES;

  @Test
  void everyPackageBelongsToADeclaredModule() {
    Set<String> undeclared = new TreeSet<>();
    for (JavaClass type : classes) {
      String module = ModuleMap.moduleOf(type.getPackageName());
      boolean declared = module.isEmpty() || ModuleMap.isFeature(module)
          || Set.of(ModuleMap.PLATFORM, ModuleMap.EVENTS, ModuleMap.MIGRATIONS).contains(module);
      if (!declared && !type.getSimpleName().equals("package-info")) {
        undeclared.add(type.getPackageName());
      }
    }
    assertThat(undeclared).as("packages that belong to no module: declare them in ModuleMap").isEmpty();
  }

  @Test
  void featuresUseExactlyTheDeclaredFeatures() {
    Map<String, Set<String>> undeclared = new TreeMap<>();
    for (Use use : uses) {
      if (ModuleMap.isFeature(use.from()) && ModuleMap.isFeature(use.to())
          && !ModuleMap.FEATURES.get(use.from()).uses().contains(use.to())) {
        undeclared.computeIfAbsent(use.from() + " -> " + use.to(), edge -> new TreeSet<>()).add(use.toString());
      }
    }
    assertThat(undeclared)
        .as("dependencies between features that ModuleMap does not declare (declare them on purpose, or go through events)")
        .isEmpty();
    Map<String, Set<String>> actual = featureGraph();
    List<String> stale = new ArrayList<>();
    ModuleMap.FEATURES.values().forEach(module -> module.uses().stream()
        .filter(used -> !actual.getOrDefault(module.name(), Set.of()).contains(used))
        .forEach(used -> stale.add(module.name() + " -> " + used)));
    assertThat(stale).as("declared dependencies the code no longer has: remove them from ModuleMap").isEmpty();
  }

  @Test
  void featuresMeetOnlyThroughPublicServiceTypes() {
    List<String> internal = uses.stream()
        .filter(use -> ModuleMap.isFeature(use.from()) && ModuleMap.isFeature(use.to()))
        .filter(use -> !isApi(use.target(), ModuleMap.FEATURES.get(use.to())))
        .map(Use::toString).distinct().sorted().toList();
    assertThat(internal)
        .as("uses of another feature's internals (only its @Service classes, the records, enums, interfaces and exceptions they speak, "
            + "and the entry types ModuleMap names are its API)")
        .isEmpty();
  }

  /** The one edge against the money features' direction (payment -> invoice) is HTTP only; see ModuleMap. */
  @Test
  void invoicesReachPaymentsOnlyThroughTheInvoiceControllersPaymentRoutes() {
    assertThat(usesWhere(use -> use.from().equals("invoice") && use.to().equals("payment")))
        .as("invoice uses of payment outside InvoiceController (the services depend one way: payment -> invoice)")
        .allMatch(use -> use.startsWith("io.bookpay.invoice.InvoiceController"));
  }

  @Test
  void theReadSideLearnsFromEventsOnly() {
    ModuleMap.FEATURES.values().stream().filter(Module::readSide).forEach(module -> assertThat(module.uses())
        .as(module.name() + " is on the read side: it may use other read-side modules, never a write-side feature")
        .allMatch(used -> ModuleMap.FEATURES.get(used).readSide()));
    assertThat(usesWhere(use -> ModuleMap.isFeature(use.from()) && ModuleMap.FEATURES.get(use.from()).readSide()
        && ModuleMap.isFeature(use.to()) && !ModuleMap.FEATURES.get(use.to()).readSide()))
        .as("read-side uses of write-side features").isEmpty();
  }

  @Test
  void thePlatformKnowsNoFeature() {
    assertThat(usesWhere(use -> use.from().equals(ModuleMap.PLATFORM)
        && !Set.of(ModuleMap.EVENTS, ModuleMap.MIGRATIONS).contains(use.to())))
        .as("platform uses of features (the platform is open to all and knows none)").isEmpty();
  }

  @Test
  void theEventsKnowNoApplicationClass() {
    assertThat(classes.stream().filter(type -> ModuleMap.moduleOf(type.getPackageName()).equals(ModuleMap.EVENTS))).isNotEmpty();
    assertThat(usesWhere(use -> use.from().equals(ModuleMap.EVENTS))).as("events uses of application classes").isEmpty();
  }

  /** Feature -> the features and the events it uses, as the code has it (platform left out: open to all). */
  static Map<String, Set<String>> featureGraph() {
    Map<String, Set<String>> graph = new TreeMap<>();
    for (Use use : uses) {
      if (ModuleMap.isFeature(use.from()) && (ModuleMap.isFeature(use.to()) || use.to().equals(ModuleMap.EVENTS))) {
        graph.computeIfAbsent(use.from(), from -> new TreeSet<>()).add(use.to());
      }
    }
    return graph;
  }

  private static List<String> usesWhere(Predicate<Use> filter) {
    return uses.stream().filter(filter).map(Use::toString).distinct().sorted().toList();
  }

  private static boolean isApi(JavaClass type, Module owner) {
    if (!type.getModifiers().contains(JavaModifier.PUBLIC)
        || type.isAnnotatedWith("org.springframework.boot.context.properties.ConfigurationProperties")) {
      return false;
    }
    String topLevel = type.getEnclosingClass().map(JavaClass::getSimpleName).orElse(type.getSimpleName());
    return type.isAnnotatedWith("org.springframework.stereotype.Service")
        || type.isRecord() || type.isEnum() || type.isInterface() || type.isAssignableTo(Throwable.class)
        || owner.extraApi().contains(topLevel)
        // The composed-statement exception, declared in TableOwnershipTest.
        || type.getSimpleName().endsWith(TableOwnershipTest.SQL_FRAGMENTS_SUFFIX);
  }
}
