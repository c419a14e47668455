package dev.vdk.executionskip.controlservice.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;

/**
 * JSON that is not the answer expected, thrown by an answer's reader. Its message is written by the
 * reader and quotes nothing of the answer, so it may be shown whatever the answer holds, secrets
 * included; a parser's own message may quote the answer, so it is never shown.
 */
public final class MalformedAnswer extends JsonParseException {
  private static final long serialVersionUID = 1L;

  /** @param what what is wrong, in words for the user, quoting nothing of the answer */
  public MalformedAnswer(String what, JsonLocation where) {
    super(null, what, where);
  }

  /** What is wrong, where {@code parser} is now. */
  public static MalformedAnswer at(JsonParser parser, String what) {
    return new MalformedAnswer(what, parser.currentLocation());
  }
}
