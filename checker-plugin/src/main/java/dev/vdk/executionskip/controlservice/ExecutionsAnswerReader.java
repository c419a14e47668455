package dev.vdk.executionskip.controlservice;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.vdk.executionskip.controlservice.http.AnswerParsers;
import dev.vdk.executionskip.controlservice.http.ControlServiceHttp;
import dev.vdk.executionskip.controlservice.http.MalformedAnswer;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Reads the Control Service's answer to {@code dataJobExecutionList}, a JSON array of executions,
 * as a stream. Of each execution it reads {@code id} strictly: one string, not blank, or the
 * answer is malformed. {@code start_time}, which only oldest-wins reads, and {@code status} and
 * {@code started_by}, which are only shown, are kept when they are strings and read as none
 * otherwise; a {@code start_time} given twice is read as none, since either could be the wrong
 * one. Their type never makes an answer malformed. Every other field is skipped unread,
 * whatever its type. What it keeps is an {@link ActiveExecutions}, whose size does not depend on the answer's.
 *
 * <p>Besides the byte cap on the whole answer, a value that is read may be at most {@value
 * #MAX_STRING_CHARS} characters long, and nothing may nest deeper than {@value #MAX_DEPTH} levels
 * (the answer itself is four deep). A string that is skipped is never held in memory, whatever its
 * length.
 *
 * <p>Thread-safe: one reader serves every check of a client.
 */
final class ExecutionsAnswerReader implements ControlServiceHttp.AnswerReader<Optional<ActiveExecutions>> {

  static final int MAX_STRING_CHARS = 64 * 1024;
  static final int MAX_DEPTH = 64;
  private static final int MAX_NAME_CHARS = 1024;

  private static final StreamReadConstraints LIMITS =
      StreamReadConstraints.builder()
          .maxStringLength(MAX_STRING_CHARS)
          .maxNameLength(MAX_NAME_CHARS)
          // A backstop only: skip() stops at MAX_DEPTH first, with a clearer message.
          .maxNestingDepth(MAX_DEPTH + 1)
          .build();

  /**
   * What the check keeps of the answer in {@code in}, or empty when it holds no JSON value at all,
   * or JSON {@code null}.
   *
   * @throws MalformedAnswer when the answer is not a list of executions as a decision reads it
   * @throws JsonParseException when it is not JSON at all
   * @throws IOException when it cannot be read
   */
  @Override
  public Optional<ActiveExecutions> read(InputStream in) throws IOException {
    try (JsonParser parser = AnswerParsers.open(in, LIMITS)) {
      JsonToken first = parser.nextToken();
      if (first == null || first == JsonToken.VALUE_NULL) {
        return Optional.empty();
      }
      if (first != JsonToken.START_ARRAY) {
        throw malformed(parser, "the answer is " + kind(first) + ", where a list of executions is expected");
      }
      ActiveExecutions executions = new ActiveExecutions();
      int position = 0;
      for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
        position++;
        if (token == null) {
          throw malformed(parser, "the answer ends inside the list of executions");
        }
        // A null element carries no id to compare; it is not an execution.
        if (token == JsonToken.VALUE_NULL) {
          continue;
        }
        if (token != JsonToken.START_OBJECT) {
          throw malformed(parser, "execution " + position + " is " + kind(token) + ", where an object is expected");
        }
        executions.add(execution(parser, position));
      }
      if (parser.nextToken() != null) {
        throw malformed(parser, "more JSON follows the list of executions");
      }
      return Optional.of(executions);
    } catch (StreamConstraintsException e) {
      throw new MalformedAnswer(
          "a name or number in the answer is longer than the check reads", e.getLocation());
    }
  }

  /** Reads the object the parser is at the start of. */
  private static DataJobExecution execution(JsonParser parser, int position) throws IOException {
    String id = null;
    String status = null;
    String startTime = null;
    String startedBy = null;
    boolean hasId = false;
    boolean hasStartTime = false;
    for (String field = parser.nextFieldName(); field != null; field = parser.nextFieldName()) {
      JsonToken value = parser.nextToken();
      switch (field) {
        case "id" -> {
          if (hasId) {
            throw malformed(parser, "execution " + position + " has \"id\" twice");
          }
          hasId = true;
          id = requiredString(parser, position, field, value);
        }
        // Oldest-wins takes a start it cannot read for one that may be older than its own, so a
        // start_time given twice is no start at all, and of another type none either.
        case "start_time" -> {
          String text = shownText(parser, position, field, value);
          startTime = hasStartTime ? null : text;
          hasStartTime = true;
        }
        // Shown only: the query asks for submitted and running executions, so no decision reads
        // the status. Anything but a string is ignored, like any other field.
        case "status" -> status = shownText(parser, position, field, value);
        case "started_by" -> startedBy = shownText(parser, position, field, value);
        default -> skip(parser, position);
      }
    }
    if (parser.currentToken() != JsonToken.END_OBJECT) {
      throw malformed(parser, "execution " + position + " is cut off");
    }
    if (!hasId) {
      throw malformed(parser, "execution " + position + " has no \"id\"");
    }
    if (id.isBlank()) {
      throw malformed(parser, "execution " + position + " has a blank \"id\", which cannot be compared");
    }
    return new DataJobExecution(id, status, startTime, startedBy);
  }

  /** The value when it is a string; anything else is skipped and read as none. */
  private static String shownText(JsonParser parser, int position, String field, JsonToken value)
      throws IOException {
    if (value == JsonToken.VALUE_STRING) {
      return text(parser, position, field);
    }
    skip(parser, position);
    return null;
  }

  private static String requiredString(JsonParser parser, int position, String field, JsonToken value)
      throws IOException {
    if (value != JsonToken.VALUE_STRING) {
      throw malformed(
          parser,
          "execution " + position + " has \"" + field + "\" as " + kind(value) + ", where a string is expected");
    }
    return text(parser, position, field);
  }

  private static String text(JsonParser parser, int position, String field) throws IOException {
    try {
      return parser.getText();
    } catch (StreamConstraintsException e) {
      throw malformed(
          parser,
          "execution " + position + " has a \"" + field + "\" longer than " + MAX_STRING_CHARS + " characters");
    }
  }

  /**
   * Skips the value the parser is at, children included, reading no string. Counts its own depth,
   * so a hostile nesting stops at {@link #MAX_DEPTH} with a message that says so.
   */
  private static void skip(JsonParser parser, int position) throws IOException {
    if (!parser.currentToken().isStructStart()) {
      return;
    }
    for (int open = 1; open > 0; ) {
      JsonToken token = parser.nextToken();
      if (token == null) {
        throw malformed(parser, "execution " + position + " is cut off");
      }
      if (token.isStructStart()) {
        open++;
        if (parser.getParsingContext().getNestingDepth() > MAX_DEPTH) {
          throw malformed(parser, "execution " + position + " is nested deeper than " + MAX_DEPTH + " levels");
        }
      } else if (token.isStructEnd()) {
        open--;
      }
    }
  }

  private static String kind(JsonToken token) {
    return switch (token) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> "something else";
    };
  }

  private static MalformedAnswer malformed(JsonParser parser, String what) {
    return MalformedAnswer.at(parser, what);
  }
}
