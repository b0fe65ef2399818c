package dev.invitegate.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invitegate.deploy.ConfigurationTable.Setting;
import dev.invitegate.responder.ResponderSettings;
import dev.invitegate.runtime.settings.SettingsReader;
import dev.invitegate.worker.WorkerSettings;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The README's configuration table and the settings code say the same: every variable a service
 * reads is documented for it, and every variable documented for a service is read by it.
 */
class SettingsDocumentedTest {

  private final ConfigurationTable table = ConfigurationTable.fromReadme();

  /** The variables {@code read} asks its reader for; problems of an empty environment aside. */
  private static Set<String> variablesRead(Consumer<SettingsReader> read) {
    SettingsReader reader = new SettingsReader(Map.of());
    try {
      read.accept(reader);
    } catch (IllegalArgumentException expected) {
      // Required variables are missing; every variable was asked for before that was reported.
    }
    return new TreeSet<>(reader.variablesRead());
  }

  private Set<String> documentedFor(Service service) {
    Set<String> names = new TreeSet<>();
    for (Setting setting : table.readBy(service)) {
      names.add(setting.name());
    }
    return names;
  }

  @Test
  void theResponderReadsExactlyWhatTheReadmeDocumentsForIt() {
    assertThat(variablesRead(ResponderSettings::from))
        .containsExactlyElementsOf(documentedFor(Service.RESPONDER));
  }

  @Test
  void theWorkerReadsExactlyWhatTheReadmeDocumentsForIt() {
    assertThat(variablesRead(WorkerSettings::read))
        .containsExactlyElementsOf(documentedFor(Service.WORKER));
  }

  @Test
  void aVariableReadButNotDocumented_isFound() {
    Set<String> read =
        variablesRead(
            reader -> {
              reader.optional("INVITEGATE_UNDOCUMENTED");
              ResponderSettings.from(reader);
            });
    assertThat(read).isNotEqualTo(documentedFor(Service.RESPONDER));
    assertThat(read).contains("INVITEGATE_UNDOCUMENTED");
  }
}
