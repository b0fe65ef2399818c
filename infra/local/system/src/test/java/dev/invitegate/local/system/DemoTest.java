package dev.invitegate.local.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DemoTest {

  @Test
  void aLongBlockMessageIsCut_otherAnswersStayWhole() {
    String block =
        "blocks the sign-up: \"Sign-up is by invitation only. If you believe you were invited\"";
    assertThat(Demo.shortened(block))
        .hasSizeLessThanOrEqualTo(64)
        .startsWith("blocks the sign-up: \"Sign-up is by invitation only.")
        .endsWith(" ...\"");
    String prefill = "creates the account with displayName put back to the invited value";
    assertThat(Demo.shortened(prefill)).isEqualTo(prefill);
    assertThat(Demo.shortened("blocks the sign-up: \"short\""))
        .isEqualTo("blocks the sign-up: \"short\"");
  }

  @Test
  void sumsEverySeriesOfAMetric_andOnlyThatMetric() {
    String metrics =
        """
        # TYPE invitegate_worker_events_applied_total counter
        invitegate_worker_events_applied_total{scope="application"} 4.0
        invitegate_worker_events_applied_total{scope="application",x="y"} 2.0
        invitegate_worker_events_applied_totally{scope="application"} 100.0
        invitegate_worker_events_stale_total 1.0
        """;
    assertThat(Demo.sum(metrics, "invitegate_worker_events_applied_total")).isEqualTo(6.0);
    assertThat(Demo.sum(metrics, "invitegate_worker_events_stale_total")).isEqualTo(1.0);
    assertThat(Demo.sum(metrics, "absent")).isZero();
  }
}
