package dev.vdk.runtime;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * An execution's id and its attempt's id, derived as VDK derives them: an attempt id is the
 * execution id plus {@code -} and five random lower-case alphanumerics, so an execution recognises
 * its own record in the Control Service by prefix.
 *
 * <ul>
 *   <li>both given: used as they are;
 *   <li>only the execution id: attempt id = execution id + {@code -xxxxx};
 *   <li>only the attempt id: execution id = the attempt id without its last {@code -} segment;
 *   <li>neither: attempt id = {@code <uuid>-<epoch seconds>-xxxxx}, execution id derived from it.
 * </ul>
 */
public record ExecutionIds(String executionId, String attemptId) {
  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

  public static ExecutionIds derive(
      Optional<String> executionId,
      Optional<String> attemptId,
      Clock clock,
      RandomGenerator random,
      Supplier<UUID> uuids) {
    if (attemptId.isPresent()) {
      String attempt = attemptId.get();
      return new ExecutionIds(executionId.orElseGet(() -> withoutLastSegment(attempt)), attempt);
    }
    if (executionId.isPresent()) {
      return new ExecutionIds(executionId.get(), executionId.get() + "-" + suffix(random));
    }
    String attempt = uuids.get() + "-" + clock.instant().getEpochSecond() + "-" + suffix(random);
    return new ExecutionIds(withoutLastSegment(attempt), attempt);
  }

  static String withoutLastSegment(String attemptId) {
    int dash = attemptId.lastIndexOf('-');
    return dash > 0 ? attemptId.substring(0, dash) : attemptId;
  }

  private static String suffix(RandomGenerator random) {
    StringBuilder suffix = new StringBuilder(5);
    for (int i = 0; i < 5; i++) {
      suffix.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return suffix.toString();
  }
}
