package dev.vdk.executionskip;

import dev.vdk.executionskip.backend.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A clock that moves only when told to or when something sleeps, and a sleeper that records. */
public final class FakeTime extends Clock implements Sleeper {

  private volatile Instant now = Instant.parse("2021-09-24T14:00:00Z");
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

  public void advance(Duration duration) {
    now = now.plus(duration);
  }

  public List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }

  @Override
  public void sleep(Duration duration) {
    sleeps.add(duration);
    advance(duration);
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("FakeTime is UTC only.");
  }
}
