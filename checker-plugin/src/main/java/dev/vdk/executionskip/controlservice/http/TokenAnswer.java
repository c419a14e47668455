package dev.vdk.executionskip.controlservice.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.io.InputStream;

/**
 * The fields of a token endpoint's answer that the check uses (RFC 6749 section 5.1), read as a
 * stream: {@code access_token}, a string, and {@code expires_in}, a number of seconds (some
 * servers send it as a string of digits) or absent. Every other field is skipped, whatever its
 * type.
 *
 * @param accessToken the token, or null when the answer has none
 * @param expiresIn seconds, or null when the answer does not say
 */
record TokenAnswer(String accessToken, Long expiresIn) {

  /** Reads the answer in {@code body}, or null when it holds no JSON value at all. */
  static TokenAnswer read(InputStream body) throws IOException {
    try (JsonParser parser = AnswerParsers.open(body, StreamReadConstraints.defaults())) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        return null;
      }
      if (first != JsonToken.START_OBJECT) {
        throw MalformedAnswer.at(parser, "the answer is not a JSON object");
      }
      String accessToken = null;
      Long expiresIn = null;
      for (String field = parser.nextFieldName(); field != null; field = parser.nextFieldName()) {
        JsonToken value = parser.nextToken();
        if (field.equals("access_token") && value == JsonToken.VALUE_STRING) {
          accessToken = parser.getText();
        } else if (field.equals("expires_in") && value != JsonToken.VALUE_NULL) {
          expiresIn = seconds(parser, value);
        } else {
          parser.skipChildren();
        }
      }
      if (parser.currentToken() != JsonToken.END_OBJECT) {
        throw MalformedAnswer.at(parser, "the answer is cut off");
      }
      return new TokenAnswer(accessToken, expiresIn);
    }
  }

  private static long seconds(JsonParser parser, JsonToken value) throws IOException {
    try {
      if (value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT) {
        return parser.getLongValue();
      }
      if (value == JsonToken.VALUE_STRING) {
        return Long.parseLong(parser.getText().strip());
      }
    } catch (NumberFormatException | IOException e) {
      // Reported below, without the value.
    }
    throw MalformedAnswer.at(parser, "\"expires_in\" is not a number of seconds");
  }

  /** Never shows the token. */
  @Override
  public String toString() {
    return "TokenAnswer[accessToken=***, expiresIn=" + expiresIn + "]";
  }
}
