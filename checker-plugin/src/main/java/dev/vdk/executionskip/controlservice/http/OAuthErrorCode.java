package dev.vdk.executionskip.controlservice.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.regex.Pattern;

/**
 * The OAuth {@code error} code of a token endpoint's error answer (RFC 6749 section 5.2), such as
 * {@code invalid_grant}: the only part of that answer ever shown. The rest ({@code
 * error_description}, an HTML page) is free text that may echo the token that was refused, in any
 * encoding, so it is never quoted.
 */
final class OAuthErrorCode {

  /** What is shown when the answer holds no usable code. */
  static final String NONE = "without an OAuth error code";

  /** RFC 6749 section 5.2: {@code error = 1*( %x20-21 / %x23-5B / %x5D-7E )}; real codes are short. */
  private static final Pattern CODE = Pattern.compile("[\\x20\\x21\\x23-\\x5B\\x5D-\\x7E]{1,64}");

  private OAuthErrorCode() {}

  /**
   * The code in {@code head}, the start of an error answer, or {@link #NONE}; {@code secrets} are
   * what a code must not be.
   */
  static String of(byte[] head, Collection<String> secrets) {
    String code = topLevelError(head);
    if (code != null
        && CODE.matcher(code).matches()
        // A server that puts the token itself where the code goes gets no code shown.
        && !BodyExcerpt.holdsAny(code.getBytes(StandardCharsets.UTF_8), secrets)) {
      return code;
    }
    return NONE;
  }

  /** The string value of the object's top-level {@code error}, or null. */
  private static String topLevelError(byte[] bytes) {
    try (JsonParser parser = AnswerParsers.open(new ByteArrayInputStream(bytes), StreamReadConstraints.defaults())) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      for (String field = parser.nextFieldName(); field != null; field = parser.nextFieldName()) {
        JsonToken value = parser.nextToken();
        if (field.equals("error")) {
          return value == JsonToken.VALUE_STRING ? parser.getText() : null;
        }
        parser.skipChildren();
      }
    } catch (IOException | RuntimeException e) {
      // Not JSON, cut short, or not an object: there is no code to show.
    }
    return null;
  }
}
