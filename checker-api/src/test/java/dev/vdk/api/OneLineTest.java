package dev.vdk.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OneLineTest {

  static Stream<Arguments> hostileValues() {
    return Stream.of(
        Arguments.of("a\nb", "a\\nb"),
        Arguments.of("a\rb", "a\\rb"),
        Arguments.of("a\tb", "a\\tb"),
        Arguments.of("\u001b[2Jcleared", "\\u001b[2Jcleared"),
        Arguments.of("csi\u009b31m", "csi\\u009b31m"),
        Arguments.of("next\u0085line", "next\\u0085line"),
        Arguments.of("del\u007f", "del\\u007f"),
        Arguments.of("bidi\u202eesrever", "bidi\\u202eesrever"),
        Arguments.of("isolate\u2066x\u2069", "isolate\\u2066x\\u2069"),
        Arguments.of("line\u2028sep", "line\\u2028sep"),
        Arguments.of("zero\u200bwidth", "zero\\u200bwidth"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("hostileValues")
  void escapesEveryCharacterThatBreaksOrSteersALine(String value, String shown) {
    assertThat(OneLine.escape(value)).isEqualTo(shown);
  }

  @Test
  void keepsPrintableTextOfAnyScriptAsItIs() {
    String text = "Job é-日本-\uD83D\uDE00 of team \"x\" at C:\\jobs\\a=b";

    assertThat(OneLine.escape(text)).isSameAs(text);
  }

  @Test
  void escapingTwiceChangesNothing() {
    String once = OneLine.escape("id\r\nforged\u001b]0;title\u0007\u202e");

    assertThat(OneLine.escape(once)).isEqualTo(once);
    assertThat(once).doesNotContainPattern("\\p{Cntrl}");
  }

  @Test
  void aLoneHalfOfASurrogatePairIsEscaped() {
    assertThat(OneLine.escape("a\uD800b")).isEqualTo("a\\ud800b");
  }

  @Test
  void quotedTextAlsoEscapesBackslashesAndQuotesAsJsonDoes() {
    assertThat(OneLine.escapeQuoted("a \"b\" c:\\d\n\u202e")).isEqualTo("a \\\"b\\\" c:\\\\d\\n\\u202e");
  }

  @Test
  void nullIsShownAsNull() {
    assertThat(OneLine.escape(null)).isEqualTo("null");
  }
}
