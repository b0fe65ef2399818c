package dev.invitegate.responder;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Only adapters touch a technology: Cosmos in cosmos, Helidon in http, Nimbus in entra. */
@AnalyzeClasses(
    packages = "dev.invitegate.responder",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule onlyTheCosmosAdapterUsesTheAzureSdk =
      noClasses()
          .that()
          .resideOutsideOfPackage("dev.invitegate.responder.cosmos..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("com.azure..");

  @ArchTest
  static final ArchRule onlyTheHttpAdapterUsesHelidon =
      noClasses()
          .that()
          .resideOutsideOfPackage("dev.invitegate.responder.http..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.helidon..");

  @ArchTest
  static final ArchRule onlyTheEntraAdapterUsesNimbus =
      noClasses()
          .that()
          .resideOutsideOfPackage("dev.invitegate.responder.entra..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("com.nimbusds..");

  @ArchTest
  static final ArchRule theCoreDependsOnNoAdapterAndNoJson =
      noClasses()
          .that()
          .resideInAPackage("dev.invitegate.responder.signup..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.invitegate.responder.http..",
              "dev.invitegate.responder.entra..",
              "dev.invitegate.responder.cosmos..",
              "com.fasterxml..");
}
