package io.bookpay.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;

/** The application's classes (main code of app, events, migrations), imported once per test JVM. */
final class ImportedApplication {

  /** One use of a type of another module, e.g. {@code link.LinkService -> booking.BookingService}. */
  record Use(JavaClass origin, JavaClass target, String from, String to) {
    @Override
    public String toString() {
      return origin.getName() + " -> " + target.getName();
    }
  }

  static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(new ImportOption.DoNotIncludeTests())
      .importPackages(ModuleMap.ROOT);

  /** Every dependency of a class on a class of another module. */
  static final List<Use> USES = crossModuleUses();

  private static List<Use> crossModuleUses() {
    List<Use> uses = new ArrayList<>();
    for (JavaClass origin : CLASSES) {
      String from = ModuleMap.moduleOf(origin.getPackageName());
      origin.getDirectDependenciesFromSelf().forEach(dependency -> {
        JavaClass target = dependency.getTargetClass().getBaseComponentType();
        if (target.getPackageName().startsWith(ModuleMap.ROOT)) {
          String to = ModuleMap.moduleOf(target.getPackageName());
          if (!to.equals(from)) {
            uses.add(new Use(origin, target, from, to));
          }
        }
      });
    }
    return List.copyOf(uses);
  }

  private ImportedApplication() {}
}
