package dev.invitegate.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AttributeNamesTest {

  @Test
  void theBareNameOfAnExtensionAttribute_isWhatFollowsTheAppId() {
    assertThat(AttributeNames.bare("extension_6e4c2a089d1f4b7e8c35a2f0d6b4e917_InviteCode"))
        .isEqualTo("InviteCode");
    assertThat(AttributeNames.bare("Extension_abc_Cohort_Year")).isEqualTo("Cohort_Year");
  }

  @Test
  void aNameThatIsNoCompleteExtensionName_isItsOwnBareName() {
    assertThat(AttributeNames.bare("displayName")).isEqualTo("displayName");
    assertThat(AttributeNames.bare("extension_")).isEqualTo("extension_");
    assertThat(AttributeNames.bare("extension_abc_")).isEqualTo("extension_abc_");
    assertThat(AttributeNames.bare("extension__x")).isEqualTo("extension__x");
  }

  @Test
  void namesAreTheSameAttribute_whenTheirBareNamesMatchInAnyCase() {
    assertThat(AttributeNames.same("InviteCode", "extension_abc_invitecode")).isTrue();
    assertThat(AttributeNames.same("EXTENSION_ABC_InviteCode", "inviteCODE")).isTrue();
    assertThat(AttributeNames.same("InviteCode", "InviteCodes")).isFalse();
  }
}
