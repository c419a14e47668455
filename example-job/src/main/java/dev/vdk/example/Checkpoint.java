package dev.vdk.example;

import java.util.OptionalLong;

/**
 * What the example job has committed: the id of the last record loaded and, when a guarded run
 * committed it, that run's fencing token. Written as the id on the first line, then {@code
 * fencing_token=N} on the second when there is a token.
 */
record Checkpoint(long lastId, OptionalLong fencingToken) {
  static final Checkpoint NONE = new Checkpoint(0, OptionalLong.empty());
  private static final String TOKEN = "fencing_token=";

  static Checkpoint parse(String text) {
    String[] lines = text.strip().split("\n");
    OptionalLong token = OptionalLong.empty();
    for (int i = 1; i < lines.length; i++) {
      if (lines[i].startsWith(TOKEN)) {
        token = OptionalLong.of(Long.parseLong(lines[i].substring(TOKEN.length()).trim()));
      }
    }
    return new Checkpoint(Long.parseLong(lines[0].trim()), token);
  }

  String toText() {
    return lastId + (fencingToken.isPresent() ? "\n" + TOKEN + fencingToken.getAsLong() + "\n" : "");
  }
}
