package dev.invitegate.worker.cli;

import dev.invitegate.runtime.settings.CosmosSettings;
import dev.invitegate.runtime.settings.SettingsReader;
import dev.invitegate.worker.ServiceBusSettings;
import java.util.function.Function;

/**
 * The settings a command needs, read from the same {@code INVITEGATE_*} variables as the worker's,
 * by the same readers: only the Service Bus ones for the commands on events, only the Cosmos ones
 * for those on the store. A problem is a {@link ConfigurationError} naming every variable.
 */
final class Settings {

  private Settings() {}

  static ServiceBusSettings serviceBus(CliContext context) {
    return read(context, ServiceBusSettings::read);
  }

  static CosmosSettings cosmos(CliContext context) {
    return read(context, CosmosSettings::read);
  }

  private static <S> S read(CliContext context, Function<SettingsReader, S> read) {
    SettingsReader reader = new SettingsReader(context.env());
    S settings = read.apply(reader);
    try {
      reader.failIfProblems();
    } catch (IllegalArgumentException e) {
      throw new ConfigurationError(e.getMessage());
    }
    return settings;
  }
}
