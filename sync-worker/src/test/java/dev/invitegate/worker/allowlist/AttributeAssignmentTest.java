package dev.invitegate.worker.allowlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AttributeAssignmentTest {

  @Test
  void aValueIsAString_unlessItsTypeIsWrittenOut() {
    assertThat(AttributeAssignment.parse("CohortYear=2025").value()).isEqualTo("2025");
    assertThat(AttributeAssignment.parse("CohortYear:int64=2025").value()).isEqualTo(2025L);
    assertThat(AttributeAssignment.parse("CohortYear:int=-3").value()).isEqualTo(-3L);
    assertThat(AttributeAssignment.parse("IsAlumnus:boolean=True").value()).isEqualTo(true);
    assertThat(AttributeAssignment.parse("IsAlumnus:bool=false").value()).isEqualTo(false);
    assertThat(AttributeAssignment.parse("displayName:string=a=b:c").value()).isEqualTo("a=b:c");
  }

  @Test
  void saysWhenAnUntypedValueReadsLikeAnotherType() {
    assertThat(AttributeAssignment.parse("CohortYear=2025").mightBeMeantTyped()).isTrue();
    assertThat(AttributeAssignment.parse("IsAlumnus=TRUE").mightBeMeantTyped()).isTrue();
    assertThat(AttributeAssignment.parse("Zip=01234").mightBeMeantTyped()).isFalse();
    assertThat(AttributeAssignment.parse("CohortYear:string=2025").mightBeMeantTyped()).isFalse();
    assertThat(AttributeAssignment.parse("displayName=Alice").mightBeMeantTyped()).isFalse();
  }

  @Test
  void refusesWhatIsNoAssignment_sayingWhichFormIsExpected() {
    assertThatThrownBy(() -> AttributeAssignment.parse("displayName"))
        .hasMessageContaining("NAME=VALUE or NAME:TYPE=VALUE");
    assertThatThrownBy(() -> AttributeAssignment.parse("=x"))
        .hasMessageContaining("name is missing");
    assertThatThrownBy(() -> AttributeAssignment.parse("Year:int32=1"))
        .hasMessageContaining("unknown type 'int32'");
    assertThatThrownBy(() -> AttributeAssignment.parse("Year:int64=2025.0"))
        .hasMessageStartingWith("Year: not an int64");
    assertThatThrownBy(() -> AttributeAssignment.parse("Alumnus:boolean=yes"))
        .hasMessageStartingWith("Alumnus: not a boolean");
  }
}
