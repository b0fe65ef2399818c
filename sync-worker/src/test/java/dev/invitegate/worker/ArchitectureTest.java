package dev.invitegate.worker;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(
    packages = "dev.invitegate.worker",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule onlyAdaptersAndWiringTouchTheAzureSdk =
      noClasses()
          .that()
          .resideInAnyPackage(
              "dev.invitegate.worker.projection..",
              "dev.invitegate.worker.settlement..",
              "dev.invitegate.worker.admin..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("com.azure..", "io.helidon..")
          .because("the core and the admin endpoint stay testable without Azure");

  @ArchTest
  static final ArchRule coreDependsOnNoAdapter =
      noClasses()
          .that()
          .resideInAnyPackage("dev.invitegate.worker.projection..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.invitegate.worker.settlement..",
              "dev.invitegate.worker.cosmos..",
              "dev.invitegate.worker.servicebus..",
              "dev.invitegate.worker.admin..")
          .because("the projection rules know only their own port");

  @ArchTest
  static final ArchRule adaptersDoNotKnowEachOther =
      noClasses()
          .that()
          .resideInAnyPackage("dev.invitegate.worker.cosmos..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.invitegate.worker.servicebus..", "com.azure.messaging..")
          .because("each adapter wraps one technology");

  @ArchTest
  static final ArchRule onlyMainExits =
      noClasses()
          .that()
          .doNotHaveSimpleName("Main")
          .should()
          .callMethod(System.class, "exit", int.class)
          .because("only main() decides the process's exit code");
}
