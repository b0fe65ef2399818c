package dev.invitegate.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class EmailKeyPropertiesTest {

  @Property(tries = 2000)
  void aKeyAlwaysParsesToItself(@ForAll String raw) {
    if (EmailKey.parse(raw + "@example.com") instanceof EmailKey.Result.Valid valid) {
      assertThat(EmailKey.parse(valid.key().value())).isEqualTo(valid);
      assertThat(new EmailKey(valid.key().value())).isEqualTo(valid.key());
    }
  }

  @Property(tries = 2000)
  void aReasonNeverRepeatsTheInput(@ForAll String raw) {
    if (EmailKey.parse("zq" + raw + "xj") instanceof EmailKey.Result.Invalid invalid) {
      assertThat(invalid.reason()).doesNotContain("zq");
    }
  }
}
