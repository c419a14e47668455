package dev.vdk.executionskip.controlservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.core.JsonParseException;
import dev.vdk.executionskip.controlservice.http.MalformedAnswer;
import dev.vdk.executionskip.controlservice.http.OneByteAtATime;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The answer is read without jackson-core's factory when it is UTF-8, and through it otherwise; the
 * reader must not tell the two apart: every encoding JSON may come in is read alike, an answer
 * that arrives a byte at a time is read whole, and the reader's limits hold on either path.
 */
class AnswerEncodingsTest {

  private static final String ANSWER =
      "[{\"id\": \"job-1\", \"status\": \"running\", \"start_time\": \"2023-11-14T22:13:20Z\", \"note\": \"é ✓ 𝄞\"},"
          + " {\"id\": \"job-2\"}]";

  private final ExecutionsAnswerReader reader = new ExecutionsAnswerReader();

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"UTF-8", "UTF-16BE", "UTF-16LE", "UTF-32BE", "UTF-32LE"})
  void anAnswerIsReadAlikeInEveryEncodingOfJson(String encoding) throws IOException {
    assertThat(ids(read(ANSWER.getBytes(Charset.forName(encoding))))).isEqualTo("job-1,job-2");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"UTF-8", "UTF-16BE", "UTF-16LE"})
  void aByteOrderMarkIsSkipped(String encoding) throws IOException {
    assertThat(ids(read(("\uFEFF" + ANSWER).getBytes(Charset.forName(encoding))))).isEqualTo("job-1,job-2");
  }

  @Test
  void anAnswerThatArrivesAByteAtATimeIsReadWhole() throws IOException {
    InputStream dribble = new OneByteAtATime(ANSWER.getBytes(StandardCharsets.UTF_8));
    assertThat(ids(reader.read(dribble))).isEqualTo("job-1,job-2");
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"", " ", "null", " null "})
  void anAnswerShorterThanItsEncodingsMarkHoldsNoExecutions(String body) throws IOException {
    assertThat(read(body.getBytes(StandardCharsets.UTF_8))).isEmpty();
  }

  @Test
  void aListThatFitsInTwoBytesIsEmpty() throws IOException {
    assertThat(read("[]".getBytes(StandardCharsets.UTF_8))).hasValueSatisfying(executions -> assertThat(executions.count()).isZero());
  }

  @Test
  void aFieldNameOfMoreThan4096BytesOfUtf8IsAMalformedAnswer() {
    String answer = "[{\"id\": \"job-1\", \"" + "n".repeat(4097) + "\": 1}]";
    assertThatThrownBy(() -> read(answer.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(MalformedAnswer.class)
        .hasMessageContaining("longer than the check reads");
  }

  @Test
  void aFieldNameOfMoreThan1024CharactersOfUtf16IsAMalformedAnswer() {
    String answer = "[{\"id\": \"job-1\", \"" + "n".repeat(1025) + "\": 1}]";
    assertThatThrownBy(() -> read(answer.getBytes(StandardCharsets.UTF_16LE)))
        .isInstanceOf(MalformedAnswer.class)
        .hasMessageContaining("longer than the check reads");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"UTF-8", "UTF-16LE"})
  void aFieldNameOf1024CharactersOfAnyKindIsRead(String encoding) throws IOException {
    String answer = "[{\"id\": \"job-1\", \"" + "\u00e9\u2713".repeat(300) + "\uD834\uDD1E".repeat(212) + "\": 1}]";
    assertThat(ids(read(answer.getBytes(Charset.forName(encoding))))).isEqualTo("job-1");
  }

  @Test
  void bytesThatAreNotUtf8AreReadAsReplacementCharactersEvenInAFieldTheCheckSkips() throws IOException {
    byte[] answer =
        "[{\"id\": \"job-1\", \"started_by\": \"Jos\u00e9\", \"deployment\": {\"deployed_by\": \"Jos\u00e9\"}}]"
            .getBytes(StandardCharsets.ISO_8859_1);
    DataJobExecution execution = read(answer).orElseThrow().firstListed().get(0);
    assertThat(execution.id()).isEqualTo("job-1");
    assertThat(execution.startedBy()).isEqualTo("Jos\uFFFD");
  }

  @Test
  void aBodyWhoseReadsReturnNothingEndsAtOnce() {
    InputStream nothing = new InputStream() {
      @Override
      public int read() {
        return -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        return 0;
      }
    };
    // It used to spin until the check's deadline; an error is an end as good as any.
    assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
      try {
        reader.read(nothing);
      } catch (IOException e) {
        // ended
      }
    });
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"UTF-8", "UTF-16LE"})
  void anIdLongerThanTheReaderReadsIsAMalformedAnswer(String encoding) {
    String answer = "[{\"id\": \"" + "x".repeat(ExecutionsAnswerReader.MAX_STRING_CHARS + 1) + "\"}]";
    assertThatThrownBy(() -> read(answer.getBytes(Charset.forName(encoding))))
        .isInstanceOf(MalformedAnswer.class)
        .hasMessageContaining("longer than " + ExecutionsAnswerReader.MAX_STRING_CHARS);
  }

  @Test
  void textThatIsNotJsonIsAParseErrorWhoseMessageNamesNoSource() {
    assertThatThrownBy(() -> read("{\"id\": secret-value".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(JsonParseException.class)
        .satisfies(e -> assertThat(((JsonParseException) e).getLocation().contentReference().getRawContent()).isNull());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"UTF-8", "UTF-16LE"})
  void readingLeavesTheStreamOpenForItsOwnerEvenWhenTheAnswerIsNotJson(String encoding) {
    boolean[] closed = {false};
    InputStream body = new ByteArrayInputStream("<html>".getBytes(Charset.forName(encoding))) {
      @Override
      public void close() {
        closed[0] = true;
      }
    };
    assertThatThrownBy(() -> reader.read(body)).isInstanceOf(JsonParseException.class);
    assertThat(closed[0]).as("closed by the reader").isFalse();
  }

  private Optional<ActiveExecutions> read(byte[] body) throws IOException {
    return reader.read(new ByteArrayInputStream(body));
  }

  private static String ids(Optional<ActiveExecutions> executions) {
    return String.join(",", executions.orElseThrow().firstListed().stream().map(DataJobExecution::id).toList());
  }
}
