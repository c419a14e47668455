package dev.vdk.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The run's fencing token: given once by the guard, read by the steps. */
class FencingTokenTest {

  @Test
  void aRunHasNoTokenUntilTheGuardGivesOne() {
    assertThat(new RunControl().fencingToken()).isEmpty();
  }

  @Test
  void aTokenIsGivenOnceAndASecondDifferentOneIsRefused() {
    RunControl control = new RunControl();

    control.grantFencingToken(7);
    control.grantFencingToken(7);

    assertThat(control.fencingToken()).hasValue(7);
    assertThatThrownBy(() -> control.grantFencingToken(8))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("This run already has fencing token 7; it cannot also have 8.");
    assertThat(control.fencingToken()).hasValue(7);
  }

  @Test
  void aStepSeesTheTokenThroughItsInput() {
    RunControl control = new RunControl();
    control.grantFencingToken(42);
    JobContext context = new JobContext("job", "team", "e", "e-a", LogConfig.LOCAL,
        new Configuration(java.util.Map.of(), java.util.Map.of()), new StateStore(), control);

    assertThat(context.jobInput().runControl().fencingToken()).hasValue(42);
  }
}
