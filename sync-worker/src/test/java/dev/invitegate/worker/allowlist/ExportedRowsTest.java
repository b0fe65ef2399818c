package dev.invitegate.worker.allowlist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.invitegate.contracts.EmailKey;
import dev.invitegate.contracts.ScopeEntry;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExportedRowsTest {

  private static final String APP = "6e4c2a08-9d1f-4b7e-8c35-a2f0d6b4e917";
  private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
  private static final Instant T = Instant.parse("2026-01-01T10:00:00.125Z");

  @Test
  void importingTheCsvOfEntries_givesTheStoredEntriesBack() throws Exception {
    List<EntryRow> entries = entries();
    StringWriter csv = new StringWriter();
    try (CsvEntryWriter writer = new CsvEntryWriter(csv)) {
      entries.forEach(row -> assertThat(writer.write(row)).isEmpty());
      writer.finish();
    }

    List<ImportRow> rows = new ArrayList<>();
    new AllowListReader(
            new RowDefaults(
                Optional.of("0f3b8c1e-5a27-4d6b-9e80-3c4f1a2b7d65"),
                Optional.of(NOW),
                NOW,
                "/import"))
        .read(new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)), rows::add);

    assertThat(rows).allMatch(ImportRow.Ready.class::isInstance).hasSize(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      var event = ((ImportRow.Ready) rows.get(i)).event();
      assertThat(event.email()).isEqualTo(entries.get(i).email());
      assertThat(event.scope()).isEqualTo(entries.get(i).scope());
      assertThat(ScopeEntry.of(event)).isEqualTo(entries.get(i).entry());
    }
    assertThat(csv.toString().lines().findFirst())
        .hasValue(
            "email,applicationId,state,expiresAt,roles,locked,time,eventId,"
                + "attr.CohortYear:int64,attr.IsAlumnus:boolean,attr.note,attr.pad,attr.title");
  }

  @Test
  void leavesOutAnEntryCsvCannotHold_sayingWhy() {
    var badRole = grant("r1", Map.of(), List.of("a;b"));
    var blank = grant("r2", Map.of("note", "  "), List.of());
    var int64 = grant("r3", Map.of("CohortYear", 2025L), List.of());
    var text = grant("r4", Map.of("CohortYear", "2025"), List.of());
    StringWriter csv = new StringWriter();
    try (CsvEntryWriter writer = new CsvEntryWriter(csv)) {
      assertThat(writer.write(row("a@example.com", "*", badRole)))
          .hasValue("a role holds ';' or surrounding blanks");
      assertThat(writer.write(row("b@example.com", "*", blank)))
          .hasValue("attribute note holds a blank string");
      assertThat(writer.write(row("c@example.com", "*", int64))).isEmpty();
      assertThat(writer.write(row("d@example.com", "*", text)))
          .hasValueSatisfying(
              problem ->
                  assertThat(problem)
                      .contains("holds a string where earlier entries hold a int64"));
      writer.finish();
    }

    assertThat(csv.toString().lines()).hasSize(2);
  }

  @Test
  void writesJsonLines_withTypedValues_andEveryEntryCsvCannotHold() throws Exception {
    StringWriter out = new StringWriter();
    var entry = grant("j1", Map.of("CohortYear", 2025L, "note", "  "), List.of("a;b"));
    try (JsonLinesEntryWriter writer = new JsonLinesEntryWriter(out)) {
      assertThat(writer.write(row("a@example.com", APP, entry))).isEmpty();
      writer.finish();
    }

    JsonNode line = new ObjectMapper().readTree(out.toString());
    assertThat(line.get("applicationId").asText()).isEqualTo(APP);
    assertThat(line.at("/attributes/CohortYear").isIntegralNumber()).isTrue();
    assertThat(line.at("/roles/0").asText()).isEqualTo("a;b");
    assertThat(line.get("eventId").asText()).isEqualTo("j1");
  }

  @Test
  void tellsTheStateOfAnEntryOnItsOwn_byTheContractsDecision() {
    var email = EmailKey.of("a@example.com");
    var expired = new ScopeEntry("e", T, true, Optional.of(NOW), Map.of(), List.of(), List.of());
    var revoked = new ScopeEntry("e", T, false, Optional.empty(), Map.of(), List.of(), List.of());

    assertThat(EntryState.of(email, "*", expired, NOW)).isEqualTo(EntryState.EXPIRED);
    assertThat(EntryState.of(email, APP, expired, NOW.minusSeconds(1)))
        .isEqualTo(EntryState.INVITED);
    assertThat(EntryState.of(email, APP, revoked, NOW)).isEqualTo(EntryState.REVOKED);
  }

  private static List<EntryRow> entries() {
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("title", "  Dr., \"the\" one ");
    attributes.put("CohortYear", -7L);
    attributes.put("IsAlumnus", false);
    attributes.put("note", "line one\nline two");
    return List.of(
        row(
            "alice@example.com",
            "*",
            new ScopeEntry(
                "crm-1",
                T,
                true,
                Optional.of(Instant.parse("2026-06-01T00:00:00Z")),
                attributes,
                List.of("title", "CohortYear"),
                List.of("beta", "reviewer"))),
        row(
            "alice@example.com",
            APP,
            new ScopeEntry(
                "crm-2",
                T.plusSeconds(1),
                false,
                Optional.empty(),
                Map.of(),
                List.of(),
                List.of())),
        row(
            "bob@example.org",
            "*",
            new ScopeEntry(
                "import-00ff", T, true, Optional.empty(), Map.of(), List.of(), List.of())),
        row(
            "carol@example.net",
            APP,
            grant("e3", Map.of("CohortYear", 2024L, "pad", "  padded "), List.of())));
  }

  private static ScopeEntry grant(String id, Map<String, Object> attributes, List<String> roles) {
    return new ScopeEntry(
        id, T, true, Optional.of(NOW.minusSeconds(60)), attributes, List.of(), roles);
  }

  private static EntryRow row(String email, String scope, ScopeEntry entry) {
    EmailKey key = EmailKey.of(email);
    return new EntryRow(key, scope, entry, EntryState.of(key, scope, entry, NOW));
  }
}
