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

  private static final String[] CORE = {
    "dev.invitegate.worker.projection..", "dev.invitegate.worker.settlement.."
  };

  @ArchTest
  static final ArchRule theCoreTouchesNoSdkAndNoServer =
      noClasses()
          .that()
          .resideInAnyPackage(CORE)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "com.azure..",
              "io.helidon..",
              "reactor..",
              "dev.invitegate.runtime.cosmos..",
              "dev.invitegate.runtime.observe..",
              "dev.invitegate.runtime.settings..")
          .because(
              "projection and settlement stay testable without Azure or a server; of the runtime"
                  + " they use only plain values (backoff, log hashing and escaping)");

  @ArchTest
  static final ArchRule coreDependsOnNoAdapter =
      noClasses()
          .that()
          .resideInAnyPackage(CORE)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.invitegate.worker.cosmos..",
              "dev.invitegate.worker.servicebus..",
              "dev.invitegate.worker.observe..")
          .because("the core knows only its own ports");

  @ArchTest
  static final ArchRule deadLetterRulesTouchNoSdkAndNoAdapter =
      noClasses()
          .that()
          .resideInAnyPackage("dev.invitegate.worker.deadletter..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "com.azure..",
              "io.helidon..",
              "reactor..",
              "dev.invitegate.worker.cli..",
              "dev.invitegate.worker.cosmos..",
              "dev.invitegate.worker.servicebus..")
          .because(
              "selecting and moving dead letters is decided against its own port, testable with"
                  + " an in-memory queue");

  @ArchTest
  static final ArchRule projectionKnowsNothingOfSettlement =
      noClasses()
          .that()
          .resideInAnyPackage("dev.invitegate.worker.projection..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.invitegate.worker.settlement..")
          .because("the projection rules know only their own port");

  @ArchTest
  static final ArchRule adaptersDoNotKnowEachOther =
      noClasses()
          .that()
          .resideInAnyPackage("dev.invitegate.worker.cosmos..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.invitegate.worker.servicebus..",
              "dev.invitegate.worker.observe..",
              "com.azure.messaging..",
              "io.helidon..")
          .because("each adapter wraps one technology");

  @ArchTest
  static final ArchRule serviceBusAdapterKnowsNoOtherTechnology =
      noClasses()
          .that()
          .resideInAnyPackage("dev.invitegate.worker.servicebus..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.invitegate.worker.cosmos..",
              "dev.invitegate.worker.observe..",
              "com.azure.cosmos..",
              "io.helidon..")
          .because("each adapter wraps one technology");

  @ArchTest
  static final ArchRule metricsAdapterKnowsOnlyHelidon =
      noClasses()
          .that()
          .resideInAnyPackage("dev.invitegate.worker.observe..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "com.azure..", "dev.invitegate.worker.cosmos..", "dev.invitegate.worker.servicebus..")
          .because("each adapter wraps one technology");

  @ArchTest
  static final ArchRule theAllowListFileKnowsNoSdk =
      noClasses()
          .that()
          .resideInAnyPackage("dev.invitegate.worker.allowlist..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "com.azure..",
              "io.helidon..",
              "reactor..",
              "dev.invitegate.worker.cli..",
              "dev.invitegate.worker.cosmos..",
              "dev.invitegate.worker.servicebus..")
          .because(
              "the allow-list format is tested without Azure; the commands wire it to the SDKs");

  @ArchTest
  static final ArchRule onlyMainExits =
      noClasses()
          .that()
          .doNotHaveSimpleName("Main")
          .should()
          .callMethod(System.class, "exit", int.class)
          .because("only main() decides the process's exit code");
}
