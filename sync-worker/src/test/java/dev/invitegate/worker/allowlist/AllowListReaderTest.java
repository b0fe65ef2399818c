package dev.invitegate.worker.allowlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invitegate.contracts.EmailKey;
import dev.invitegate.contracts.InvitationEvent;
import dev.invitegate.contracts.InvitationEventParser;
import dev.invitegate.contracts.InvitationGranted;
import dev.invitegate.contracts.InvitationRevoked;
import dev.invitegate.contracts.ParseResult;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AllowListReaderTest {

  private static final String APP = "6e4c2a08-9d1f-4b7e-8c35-a2f0d6b4e917";
  private static final Instant FILE_TIME = Instant.parse("2026-03-01T09:00:00Z");
  private static final RowDefaults NO_DEFAULTS =
      new RowDefaults(Optional.empty(), Optional.empty(), FILE_TIME, "/tests");

  @Test
  void readsEachRow_intoTheEventTheContractBuilds_andItsBody() {
    List<ImportRow> rows =
        read(
            """
            email,applicationId,expiresAt,roles,locked,attr.displayName,attr.CohortYear:int64
            Alice@Example.com,%s,2026-06-01T00:00:00Z,beta;reviewer,displayName,Alice Example,2025
            """
                .formatted(APP.toUpperCase()));

    InvitationGranted grant = (InvitationGranted) ready(rows.getFirst()).event();
    assertThat(grant.email()).isEqualTo(EmailKey.of("alice@example.com"));
    assertThat(grant.applicationId()).hasValue(APP);
    assertThat(grant.time()).isEqualTo(FILE_TIME);
    assertThat(grant.expiresAt()).hasValue(Instant.parse("2026-06-01T00:00:00Z"));
    assertThat(grant.roles()).containsExactly("beta", "reviewer");
    assertThat(grant.lockedAttributes()).containsExactly("displayName");
    assertThat(grant.attributes())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("displayName", "Alice Example", "CohortYear", 2025L));
    assertThat(grant.id()).matches("import-[0-9a-f]{32}");
    assertThat(new InvitationEventParser().parse(ready(rows.getFirst()).body()))
        .isEqualTo(new ParseResult.Parsed(grant));
  }

  @Test
  void readsQuotedCommasQuotesAndLineBreaks_andReportsTheLineARowStartsOn() {
    List<ImportRow> rows =
        read(
            "email,attr.note,roles\n"
                + "a@example.com,\"one, two\",x\n"
                + "b@example.com,\"said \"\"hi\"\"\nand left\",y\n"
                + "not-an-address,z,\n");

    assertThat(attribute(rows.get(0), "note")).isEqualTo("one, two");
    assertThat(attribute(rows.get(1), "note")).isEqualTo("said \"hi\"\nand left");
    assertThat(rows.get(2).line()).isEqualTo(5);
  }

  @Test
  void skipsAByteOrderMark() {
    List<ImportRow> rows = read("\uFEFFemail,roles\na@example.com,x\n");

    assertThat(ready(rows.getFirst()).event().email().value()).isEqualTo("a@example.com");
  }

  @Test
  void skipsBlankLinesAndRowsOfEmptyCells_keepingLineNumbersTrue() {
    List<ImportRow> rows = read("email,roles\n\na@example.com,x\n,\n  ,  \n\nbad,y\n");

    assertThat(rows).hasSize(2);
    assertThat(rows.get(1)).isInstanceOf(ImportRow.Invalid.class);
    assertThat(rows.get(1).line()).isEqualTo(7);
  }

  @Test
  void refusesAFileWithoutHeaderRow_withoutRepeatingWhatItHolds() {
    assertThatThrownBy(() -> read("alice@example.com,Alice,Smith\n"))
        .isInstanceOfSatisfying(FileProblem.class, e -> assertThat(e.inHeader()).isTrue())
        .hasMessageContaining("header row")
        .hasMessageNotContaining("alice")
        .hasMessageNotContaining("Smith");
    assertThatThrownBy(() -> read("roles,attr.x\nbeta,1\n"))
        .isInstanceOf(FileProblem.class)
        .hasMessageContaining("no email column");
    assertThatThrownBy(() -> read(""))
        .isInstanceOf(FileProblem.class)
        .hasMessageContaining("empty");
  }

  @Test
  void refusesUnknownRepeatedAndUntypeableColumns_namingEach() {
    assertThatThrownBy(() -> read("email,role,expires,Email,attr.Year:int32,attr.,attr.a,attr.a\n"))
        .isInstanceOf(FileProblem.class)
        .hasMessageContaining("unknown column 'role'")
        .hasMessageContaining("unknown column 'expires'")
        .hasMessageContaining("column email appears twice")
        .hasMessageContaining("unknown type 'int32'")
        .hasMessageContaining("attr. needs an attribute name")
        .hasMessageContaining("attribute a has two columns");
  }

  @Test
  void takesColumnNamesInAnyCase_andUnnamedColumnsWhenTheyAreEmpty() {
    List<ImportRow> rows =
        read("EMAIL,ApplicationID,Roles,,\na@example.com,*,x,,\nb@example.com,,y,,oops\n");

    assertThat(ready(rows.get(0)).event().applicationId()).isEmpty();
    assertThat(invalid(rows.get(1)).reason()).contains("column 5 has a value but no name");
  }

  @Test
  void reportsAnInvalidAddress_withoutRepeatingIt_andGoesOn() {
    List<ImportRow> rows = read("email\nalice.example.com\n\"a b@example.com\"\nok@example.com\n");

    assertThat(invalid(rows.get(0)).reason())
        .isEqualTo("email: not an email address (missing '@')");
    assertThat(invalid(rows.get(1)).reason()).contains("whitespace").doesNotContain("a b");
    assertThat(rows.get(2)).isInstanceOf(ImportRow.Ready.class);
  }

  @Test
  void reportsDatesThatAreNoRfc3339DateTimes() {
    List<ImportRow> rows =
        read(
            "email,expiresAt,time\n"
                + "a@example.com,2026-06-01,\n"
                + "b@example.com,,01/03/2026 09:30\n"
                + "c@example.com,2026-06-01T00:00:00,\n");

    assertThat(invalid(rows.get(0)).reason()).startsWith("expiresAt: not an RFC 3339 date-time");
    assertThat(invalid(rows.get(1)).reason()).startsWith("time: not an RFC 3339 date-time");
    assertThat(invalid(rows.get(2)).reason()).startsWith("expiresAt:");
  }

  @Test
  void reportsRolesBeyondTheContractsLimits() {
    String tooMany =
        IntStream.range(0, 101).mapToObj(i -> "r" + i).collect(Collectors.joining(";"));
    String tooLong =
        IntStream.range(0, 40).mapToObj(i -> "x".repeat(80)).collect(Collectors.joining(";"));
    List<ImportRow> rows =
        read(
            "email,roles\na@example.com,"
                + tooMany
                + "\nb@example.com,"
                + tooLong
                + "\nc@example.com,"
                + "y".repeat(257)
                + "\n");

    assertThat(invalid(rows.get(0)).reason()).isEqualTo("more than 100 roles");
    assertThat(invalid(rows.get(1)).reason())
        .startsWith("roles take ")
        .contains("at most 2900 fit");
    assertThat(invalid(rows.get(2)).reason()).contains("role longer than 256 characters");
    assertThat(invalid(rows.get(0)).email()).hasValue(EmailKey.of("a@example.com"));
  }

  @Test
  void typesAttributeValuesByTheirColumn_neverByTheirLooks() {
    List<ImportRow> rows =
        read(
            "email,attr.Zip,attr.Year:int64,attr.Alumnus:boolean\n"
                + "a@example.com,01234,2025,TRUE\n"
                + "b@example.com,x,20x5,\n"
                + "c@example.com,x,,maybe\n"
                + "d@example.com,,99999999999999999999,\n");

    assertThat(attribute(rows.get(0), "Zip")).isEqualTo("01234");
    assertThat(attribute(rows.get(0), "Year")).isEqualTo(2025L);
    assertThat(attribute(rows.get(0), "Alumnus")).isEqualTo(true);
    assertThat(invalid(rows.get(1)).reason()).startsWith("attr.Year:int64: not an int64");
    assertThat(invalid(rows.get(2)).reason()).startsWith("attr.Alumnus:boolean: not a boolean");
    assertThat(invalid(rows.get(3)).reason()).startsWith("attr.Year:int64: not an int64");
  }

  @Test
  void keepsAttributeValuesAsWritten_butTrimsEveryOtherCell() {
    List<ImportRow> rows = read("email,roles,attr.title\n  a@example.com , beta ; x ,\"  Dr. \"\n");

    InvitationGranted grant = (InvitationGranted) ready(rows.getFirst()).event();
    assertThat(grant.roles()).containsExactly("beta", "x");
    assertThat(grant.attributes()).containsEntry("title", "  Dr. ");
  }

  @Test
  void sendsARevoke_forARevokedRow_whichCarriesNothingElse() {
    List<ImportRow> rows =
        read(
            "email,state,applicationId,roles,attr.a\n"
                + "a@example.com,revoked,%s,,\n".formatted(APP)
                + "b@example.com,Revoked,,beta,x\n"
                + "c@example.com,paused,,,\n"
                + "d@example.com,expired,,,\n");

    assertThat(ready(rows.get(0)).event()).isInstanceOf(InvitationRevoked.class);
    assertThat(invalid(rows.get(1)).reason())
        .isEqualTo("state revoked: a revoke carries no roles, attr.a");
    assertThat(invalid(rows.get(2)).reason())
        .startsWith("state: must be invited, expired or revoked");
    assertThat(ready(rows.get(3)).event()).isInstanceOf(InvitationGranted.class);
  }

  @Test
  void fillsEmptyCellsFromTheDefaults_andStarMeansAllApplications() {
    var defaults =
        new RowDefaults(
            Optional.of(APP), Optional.of(Instant.parse("2026-12-31T00:00:00Z")), FILE_TIME, "/t");
    List<ImportRow> rows =
        read(
            defaults,
            "email,applicationId,expiresAt,time\n"
                + "a@example.com,,,\n"
                + "b@example.com,*,2027-01-01T00:00:00Z,2026-02-01T00:00:00+01:00\n");

    InvitationGranted a = (InvitationGranted) ready(rows.get(0)).event();
    InvitationGranted b = (InvitationGranted) ready(rows.get(1)).event();
    assertThat(a.applicationId()).hasValue(APP);
    assertThat(a.expiresAt()).hasValue(Instant.parse("2026-12-31T00:00:00Z"));
    assertThat(a.time()).isEqualTo(FILE_TIME);
    assertThat(b.applicationId()).isEmpty();
    assertThat(b.expiresAt()).hasValue(Instant.parse("2027-01-01T00:00:00Z"));
    assertThat(b.time()).isEqualTo(Instant.parse("2026-01-31T23:00:00Z"));
  }

  @Test
  void givesTheSameRowTheSameEventId_whereverItStands_andAnotherRowAnother() {
    InvitationEvent first =
        ready(read("email,roles\na@example.com,x\nb@example.com,y\n").get(0)).event();
    InvitationEvent moved =
        ready(read("email,roles\nc@example.com,z\nA@example.com,x\n").get(1)).event();
    InvitationEvent changed = ready(read("email,roles\na@example.com,x;y\n").get(0)).event();

    assertThat(moved.id()).isEqualTo(first.id());
    assertThat(changed.id()).isNotEqualTo(first.id());
  }

  @Test
  void takesAGivenEventIdAsItIs_butOnlyWithItsTime() {
    List<ImportRow> rows =
        read(
            "email,time,eventId\n"
                + "a@example.com,2026-01-01T00:00:00Z,crm-1\n"
                + "b@example.com,,crm-2\n"
                + "c@example.com,2026-01-01T00:00:00Z,"
                + "e".repeat(257)
                + "\n");

    assertThat(ready(rows.get(0)).event().id()).isEqualTo("crm-1");
    assertThat(invalid(rows.get(1)).reason()).startsWith("eventId: given without a time");
    assertThat(invalid(rows.get(2)).reason()).isEqualTo("eventId: longer than 256 characters");
  }

  @Test
  void skipsARowThatWouldTieWithAnEarlierOne_butTakesTheSameAddressAtAnotherTime() {
    List<ImportRow> rows =
        read(
            "email,applicationId,roles,time\n"
                + "a@example.com,,x,\n"
                + "A@example.com,,y,\n"
                + "a@example.com,%s,y,\n".formatted(APP)
                + "a@example.com,,z,2026-04-01T00:00:00Z\n");

    assertThat(rows.get(0)).isInstanceOf(ImportRow.Ready.class);
    assertThat(invalid(rows.get(1)).reason()).startsWith("repeats line 2:");
    assertThat(rows.get(2)).isInstanceOf(ImportRow.Ready.class);
    assertThat(rows.get(3)).isInstanceOf(ImportRow.Ready.class);
  }

  @Test
  void reportsARowWithMoreCellsThanTheHeaderNames() {
    List<ImportRow> rows = read("email,roles\na@example.com,x,y\n");

    assertThat(invalid(rows.getFirst()).reason()).startsWith("has 3 cells; the header names 2");
  }

  @Test
  void stopsAtMalformedCsv_afterHandingOnTheRowsBefore() {
    List<ImportRow> rows = new ArrayList<>();

    assertThatThrownBy(
            () ->
                new AllowListReader(NO_DEFAULTS)
                    .read(input("email,roles\na@example.com,x\nb@example.com,\"y\n"), rows::add))
        .isInstanceOfSatisfying(
            FileProblem.class,
            e -> {
              assertThat(e.inHeader()).isFalse();
              assertThat(e.line()).isEqualTo(3);
            })
        .hasMessageContaining("not valid CSV");
    assertThat(rows).hasSize(1);
  }

  private static List<ImportRow> read(String csv) {
    return read(NO_DEFAULTS, csv);
  }

  private static List<ImportRow> read(RowDefaults defaults, String csv) {
    List<ImportRow> rows = new ArrayList<>();
    new AllowListReader(defaults).read(input(csv), rows::add);
    return rows;
  }

  private static ByteArrayInputStream input(String csv) {
    return new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8));
  }

  private static ImportRow.Ready ready(ImportRow row) {
    assertThat(row).isInstanceOf(ImportRow.Ready.class);
    return (ImportRow.Ready) row;
  }

  private static ImportRow.Invalid invalid(ImportRow row) {
    assertThat(row).isInstanceOf(ImportRow.Invalid.class);
    return (ImportRow.Invalid) row;
  }

  private static Object attribute(ImportRow row, String name) {
    return ((InvitationGranted) ready(row).event()).attributes().get(name);
  }
}
