package dev.invitegate.local;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives integration tests the local Cosmos DB and Service Bus stand-ins:
 * {@code @ExtendWith(LocalAzureExtension.class)} and a {@link LocalEmulators} parameter
 * (constructor, {@code @BeforeAll} or test method).
 *
 * <p>One pair of stand-ins serves the whole test run, started on free ports on first use and always
 * stopped when the run ends (JUnit closes it with the root store; the Node.js process also exits
 * when this JVM dies). Tests isolate themselves with their own queues and containers.
 */
public final class LocalAzureExtension implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(LocalAzureExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == LocalEmulators.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return emulators(context);
  }

  /** The run's stand-ins, started on first use. */
  public static LocalEmulators emulators(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            LocalEmulators.class, type -> LocalEmulators.start(), LocalEmulators.class);
  }
}
