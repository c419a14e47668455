package dev.vdk.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedactorTest {

  /** A space, a quote, a backslash, a slash, a plus, an ampersand and a letter outside ASCII. */
  private static final String SECRET = "s3cr et\"\\/+&é=x";

  private final Redactor redactor = Redactor.withoutSecrets().with(SECRET);

  @Test
  void hidesTheRawForm() {
    assertThat(redactor.redact("token " + SECRET + " rejected")).isEqualTo("token **** rejected");
  }

  @Test
  void hidesTheFormEncodedForm() {
    String form = URLEncoder.encode(SECRET, StandardCharsets.UTF_8);
    assertThat(form).contains("+");

    assertThat(redactor.redact("refresh_token=" + form + "&grant_type=refresh_token"))
        .isEqualTo("refresh_token=****&grant_type=refresh_token");
  }

  @Test
  void hidesTheUrlEncodedFormInEitherCase() {
    String encoded = URLEncoder.encode(SECRET, StandardCharsets.UTF_8).replace("+", "%20");

    assertThat(redactor.redact("a " + encoded + " b")).isEqualTo("a **** b");
    assertThat(redactor.redact("a " + encoded.toLowerCase() + " b")).isEqualTo("a **** b");
  }

  @Test
  void hidesTheJsonEscapedForms() {
    String jackson = "s3cr et\\\"\\\\/+&é=x";
    String asciiOnly = "s3cr et\\\"\\\\\\/+&\\u00E9=x";

    assertThat(redactor.redact("{\"error_description\": \"" + jackson + "\"}"))
        .isEqualTo("{\"error_description\": \"****\"}");
    assertThat(redactor.redact("{\"error_description\": \"" + asciiOnly + "\"}"))
        .isEqualTo("{\"error_description\": \"****\"}");
  }

  @Test
  void hidesASecretWithEveryCharacterWrittenItsOwnWay() {
    assertThat(redactor.redact("x s3cr+et%22\\\\\\/%2b&\\u00e9%3dx y")).isEqualTo("x **** y");
  }

  @Test
  void hidesALongTokenWithoutRunningOutOfStack() {
    String jwt = "eyJ" + "abcdefghij".repeat(2000);
    Redactor longSecret = Redactor.withoutSecrets().with(jwt);

    assertThat(longSecret.redact("Bearer " + jwt)).isEqualTo("Bearer ****");
  }

  @Test
  void hidesTheLongerOfTwoOverlappingSecretsWhole() {
    Redactor two = Redactor.withoutSecrets().with("abcd", "abcdefgh");

    assertThat(two.redact("[abcdefgh]")).isEqualTo("[****]");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://u:p@ss@host.example/x?token=abc",
        "https://u:p@ss@host.example/x#access_token=abc",
        "jdbc:postgresql://u:p@ss@host.example:5432/jobs?sslpassword=abc&user=u",
      })
  void hidesTheUserInfoPastTheFirstAtAndTheQueryOfAUrl(String url) {
    String shown = redactor.redact("The value '" + url + "' is invalid.");

    assertThat(shown)
        .contains("://****@host.example")
        .doesNotContain("p@ss")
        .doesNotContain("ss@")
        .doesNotContain("abc")
        .endsWith("' is invalid.");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "jdbc:postgresql://jobs:pa#ss9word@db:5432/jobs",
        "jdbc:postgresql://jobs:pa?ss9word@db:5432/jobs",
        "https://jobs:pa?ss#9word@control.example/api?token=abc#frag",
      })
  void hidesAPasswordWithAnUnencodedHashOrQuestionMarkWhole(String url) {
    String shown = redactor.redact("bad URL " + url + " here");

    assertThat(shown).contains("://****@").doesNotContain("jobs:pa").doesNotContain("9word").endsWith(" here");
  }

  @Test
  void aValueKnownToBeAUrlHidesEverythingUpToItsLastAtEvenASpace() {
    String shown = redactor.redactUrl("https://jobs:pa ss9word@control.example/api?token=abc");

    assertThat(shown).isEqualTo("https://****@control.example/api?****");
  }

  @Test
  void aValueKnownToBeAUrlHidesTheSecretsAndQueryOfAnOpaqueJdbcUrl() {
    assertThat(redactor.redactUrl("jdbc:postgresql:jobs?password=" + SECRET))
        .isEqualTo("jdbc:postgresql:jobs?****");
  }

  /**
   * Hostile text from outside (a long execution id, an error body) must not stall a run: each of
   * these made a backtracking pattern take time that grows with the square of the length. The
   * bound is a hang guard only, far above what a linear pass takes.
   */
  @ParameterizedTest
  @ValueSource(strings = {"a.", "a://", "jdbc:a:", "a://b@", "http://a?", "jdbc:a:b?", "a@b://"})
  void redactsAMebibyteOfHostileTextWithoutStalling(String unit) {
    String hostile = unit.repeat((1 << 20) / unit.length());

    String shown = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> redactor.redact(hostile));

    assertThat(shown).isNotEmpty();
  }

  @Test
  void hidesTheQueryOfAnOpaqueJdbcUrl() {
    assertThat(redactor.redact("jdbc:postgresql:jobs?password=abc&ssl=true"))
        .isEqualTo("jdbc:postgresql:jobs?****");
  }

  @Test
  void leavesAUrlWithoutCredentialsOrQueryAsItIs() {
    String text = "GET https://control.example.com/data-jobs/for-team/t/jobs/j/executions failed";

    assertThat(redactor.redact(text)).isEqualTo(text);
  }

  @Test
  void redactingTwiceChangesNothing() {
    String once = redactor.redact("https://u:" + SECRET + "@host/x?q=1 and " + SECRET);

    assertThat(redactor.redact(once)).isEqualTo(once);
  }

  @Test
  void ofConfigurationHidesTheValuesOfEverySensitiveKeyOnly() {
    Configuration config =
        new Configuration(
            Map.of(
                "api_token", new Configuration.ConfigValue("tok-1234", "test"),
                "job_name", new Configuration.ConfigValue("job-7", "test")),
            Map.of(
                "api_token", new ConfigKey("API_TOKEN", java.util.Optional.empty(), "", true),
                "job_name", new ConfigKey("JOB_NAME", java.util.Optional.empty(), "", false)));

    assertThat(Redactor.of(config).redact("job-7 sent tok-1234")).isEqualTo("job-7 sent ****");
  }

  @Test
  void aCopiedExceptionChainPrintsLikeTheOriginalWithEveryMessageRedactedOnOneLine() {
    Exception cause = new IllegalStateException("echoed " + SECRET + "\nsecond line");
    RuntimeException failure = new RuntimeException("GET https://u:pw@host/x?token=abc failed", cause);
    failure.addSuppressed(new IllegalArgumentException("suppressed " + SECRET));

    Throwable copy = redactor.redact(failure);
    String printed = stackTrace(copy);

    assertThat(copy).hasToString("java.lang.RuntimeException: GET https://****@host/x?**** failed");
    assertThat(printed)
        .contains("Caused by: java.lang.IllegalStateException: echoed ****\\nsecond line")
        .contains("Suppressed: java.lang.IllegalArgumentException: suppressed ****")
        .contains("at " + getClass().getName())
        .doesNotContain(SECRET)
        .doesNotContain("pw@");
    assertThat(copy.getStackTrace()).isEqualTo(failure.getStackTrace());
  }

  @Test
  void aCyclicCauseChainIsCopiedOnce() {
    Exception a = new Exception("a");
    Exception b = new Exception("b", a);
    a.initCause(b);

    Throwable copy = redactor.redact(a);

    assertThat(copy.getCause()).hasToString("java.lang.Exception: b");
    assertThat(copy.getCause().getCause()).isNull();
  }

  @Test
  void aVeryLongCauseChainIsCopiedUpToACapSayingHowManyCausesWereLeftOut() {
    Exception failure = new IllegalStateException("root");
    for (int i = 0; i < 20_000; i++) {
      failure = new RuntimeException("wrapped " + i, failure);
    }

    Throwable copy = redactor.redact(failure);
    String printed = stackTrace(copy);

    int depth = 0;
    Throwable last = copy;
    while (last.getCause() != null) {
      last = last.getCause();
      depth++;
    }
    // The failure, MAX_CAUSES of its causes, then one line that counts the rest.
    assertThat(depth).isEqualTo(Redactor.MAX_CAUSES + 1);
    assertThat(last).hasToString("... " + (20_000 - Redactor.MAX_CAUSES) + " more causes");
    assertThat(printed).contains("wrapped 19999").doesNotContain("root");
  }

  @Test
  void neverShowsItsSecrets() {
    assertThat(redactor).hasToString("Redactor[1 secrets]");
    assertThat(List.of(redactor.toString())).noneMatch(text -> text.contains(SECRET));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"raw", "url", "json"})
  void aSecretCutByTheEndOfAStartIsLeftOutInEveryForm(String form) {
    String secret = "correct horse battery staple";
    String written = switch (form) {
      case "url" -> URLEncoder.encode(secret, StandardCharsets.UTF_8).replace("+", "%20");
      case "json" -> secret.replace(" ", "\\u0020");
      default -> secret;
    };
    Redactor passphrase = Redactor.withoutSecrets().with(secret);

    for (int cut = 1; cut < written.length(); cut++) {
      String start = "Signed in as " + written.substring(0, cut);
      assertThat(passphrase.redactStart(start)).as("cut after %d characters", cut).isEqualTo("Signed in as ");
    }
  }

  @Test
  void aStartThatHoldsAWholeSecretHasItMaskedAndTheRestKept() {
    Redactor token = Redactor.withoutSecrets().with("at-0123456789");
    assertThat(token.redactStart("token at-0123456789 is not valid")).isEqualTo("token **** is not valid");
  }

  @Test
  void aUrlCutBeforeItsUserInfoEndsIsLeftOut() {
    assertThat(Redactor.withoutSecrets().redactStart("see https://admin:hunter")).isEqualTo("see ");
  }

  @Test
  void aWholeSecretThatEndsWithWhatCouldStartASecretIsLeftOutWhole() {
    // Its last character could begin the secret again, cut by the end: the quote stops before both.
    assertThat(Redactor.withoutSecrets().with("s3cr3t-passwords").redactStart("Signed in with s3cr3t-passwords"))
        .isEqualTo("Signed in with ");
    assertThat(Redactor.withoutSecrets().with("hunter2-hunter2%").redactStart("password=hunter2-hunter2%"))
        .isEqualTo("password=");
    assertThat(Redactor.withoutSecrets().with("client-secret-1234", "1234-api-token-xyz")
            .redactStart("keys: client-secret-1234-api"))
        .doesNotContain("client-secret").doesNotContain("1234-api");
  }

  @Test
  void aUrlCutBeforeItsUserInfoEndsIsLeftOutEvenAfterAWhiteSpaceThatDoesNotEndAUrl() {
    assertThat(Redactor.withoutSecrets().redactStart("see https://admin:hunter2\u2003x")).isEqualTo("see ");
  }

  @Test
  void theStartOfABodyIsRedactedWithoutStallingEvenForASecretOfBackslashes() {
    // A backslash has two forms of different lengths, so the ways a match may end multiply: only
    // starts that the secret could run past the end from are tried.
    Redactor backslashes = Redactor.withoutSecrets().with("\\".repeat(64));
    Redactor longToken = Redactor.withoutSecrets().with("eyJ".repeat(500));
    assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
      backslashes.redactStart("\\".repeat(4096));
      longToken.redactStart("x".repeat(2000) + "eyJ".repeat(400));
    });
  }

  @Test
  void secretsThatOverlapAreMaskedTogether() {
    Redactor two = Redactor.withoutSecrets().with("password-1234", "1234-token");
    assertThat(two.redact("keys: password-1234-token.")).isEqualTo("keys: ****.");
    assertThat(two.redact("keys: 1234-token and password-1234")).isEqualTo("keys: **** and ****");
  }

  @Test
  void aStartThatEndsInNothingSecretIsKeptWhole() {
    Redactor token = Redactor.withoutSecrets().with("at-0123456789");
    assertThat(token.redactStart("<html><body>Sign in</body>")).isEqualTo("<html><body>Sign in</body>");
  }

  private static String stackTrace(Throwable thrown) {
    StringWriter text = new StringWriter();
    thrown.printStackTrace(new PrintWriter(text));
    return text.toString();
  }
}
