package dev.vdk.executionskip.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class JobDigestTest {

  @Test
  void digestOfAFixedJobNeverChanges() {
    // Pinned: executions run by different plugin versions must agree on lock names and keys.
    assertThat(HexFormat.of().formatHex(JobDigest.sha256("supercollider", "mzhivkov-test-job3")))
        .isEqualTo(EXPECTED_SUPERCOLLIDER_JOB3);
  }

  @Test
  void whereTeamEndsAndJobBeginsChangesTheDigest() {
    assertThat(JobDigest.sha256("a-b", "c")).isNotEqualTo(JobDigest.sha256("a", "b-c"));
    assertThat(JobDigest.sha256("ab", "")).isNotEqualTo(JobDigest.sha256("a", "b"));
  }

  // Computed independently: python3 hashlib.sha256 over the encoding documented in JobDigest.
  static final String EXPECTED_SUPERCOLLIDER_JOB3 =
      "78f306445899c802e800f01cbfbde4a5d84fcccf8dde81fdf92788819d03674d";
}
