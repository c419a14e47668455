package dev.vdk.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one redaction that every message of the framework and its plugins passes through before it
 * is written anywhere (log lines, results, termination messages, command output):
 *
 * <ul>
 *   <li>every known secret, written as it is, URL-encoded, form-encoded ({@code +} for a space) or
 *       JSON-escaped, in any mix, becomes {@value #MASK};
 *   <li>in every URL, the user-info (everything up to the last {@code @} of the authority, so a
 *       password holding {@code @} is hidden whole), the query and the fragment become {@value
 *       #MASK}; so does the query of an opaque JDBC URL ({@code jdbc:postgresql:db?password=x}).
 * </ul>
 *
 * <p>The secrets are given explicitly: the values of the keys declared sensitive ({@link
 * #of(Configuration)}), plus whatever a component learns while it runs (an access token, see
 * {@link #with}). A secret is masked wherever it appears, even inside a longer word. Immutable.
 */
public final class Redactor {

  /** What a hidden secret, user-info or query is shown as. */
  public static final String MASK = "****";

  /** Scheme, user-info (greedy up to the last '@' before the query), host and path, query, fragment. */
  private static final Pattern URL =
      Pattern.compile(
          "(?i)\\b([a-z][a-z0-9+.-]*://)([^\\s?#]*@)?([^\\s?#'\"<>`]*)(\\?[^\\s#'\"<>`]*)?(#[^\\s'\"<>`]*)?");

  /** A JDBC URL without an authority, such as {@code jdbc:postgresql:jobs?password=x}. */
  private static final Pattern OPAQUE_JDBC_URL =
      Pattern.compile("(?i)\\b(jdbc:[a-z0-9]+:)(?!//)([^\\s?'\"<>`]*)(\\?[^\\s'\"<>`]*)");

  private static final Redactor WITHOUT_SECRETS = new Redactor(List.of());

  private final List<String> secrets;
  private final List<SecretMatcher> matchers;

  private Redactor(Collection<String> secrets) {
    Set<String> distinct = new LinkedHashSet<>();
    for (String secret : secrets) {
      if (secret != null && !secret.isBlank()) {
        distinct.add(secret);
        distinct.add(secret.strip());
      }
    }
    List<String> sorted = new ArrayList<>(distinct);
    // Longest first, so that a secret that holds another is hidden whole.
    sorted.sort(Comparator.comparingInt(String::length).reversed());
    this.secrets = List.copyOf(sorted);
    this.matchers = sorted.stream().map(SecretMatcher::new).toList();
  }

  /** Hides URL credentials and queries only: for text made before any secret is known. */
  public static Redactor withoutSecrets() {
    return WITHOUT_SECRETS;
  }

  /** Hides the values of every key that {@code config} declares sensitive. */
  public static Redactor of(Configuration config) {
    List<String> values = new ArrayList<>();
    for (ConfigKey key : config.declaredKeys()) {
      if (key.sensitive()) {
        config.find(key.name()).ifPresent(values::add);
      }
    }
    return new Redactor(values);
  }

  /** This redactor and {@code more} secrets. */
  public Redactor with(Collection<String> more) {
    if (more.stream().allMatch(secret -> secret == null || secret.isBlank())) {
      return this;
    }
    List<String> all = new ArrayList<>(secrets);
    all.addAll(more);
    return new Redactor(all);
  }

  /** This redactor and {@code more} secrets. */
  public Redactor with(String... more) {
    return with(List.of(more));
  }

  /** {@code text} with every secret, URL user-info and query hidden; null stays null. */
  public String redact(String text) {
    if (text == null) {
      return null;
    }
    String shown = text;
    for (SecretMatcher matcher : matchers) {
      shown = mask(shown, matcher);
    }
    return maskUrls(shown);
  }

  /**
   * A copy of {@code failure} fit for output: its causes and suppressed exceptions copied too, each
   * with the same stack trace, printed as "class: message" like the original, its message redacted
   * and on one line (see {@link OneLine}). Null stays null.
   */
  public Throwable redact(Throwable failure) {
    return copy(failure, Collections.newSetFromMap(new IdentityHashMap<>()));
  }

  /** Says how many secrets it knows, never which. */
  @Override
  public String toString() {
    return "Redactor[" + secrets.size() + " secrets]";
  }

  private Throwable copy(Throwable failure, Set<Throwable> seen) {
    if (failure == null || !seen.add(failure)) {
      return null;
    }
    String message = failure.getLocalizedMessage();
    Throwable copy =
        new Redacted(
            failure.getClass().getName() + (message == null ? "" : ": " + OneLine.escape(redact(message))),
            copy(failure.getCause(), seen));
    copy.setStackTrace(failure.getStackTrace());
    for (Throwable suppressed : failure.getSuppressed()) {
      Throwable suppressedCopy = copy(suppressed, seen);
      if (suppressedCopy != null) {
        copy.addSuppressed(suppressedCopy);
      }
    }
    return copy;
  }

  private static String mask(String text, SecretMatcher secret) {
    StringBuilder shown = null;
    int copied = 0;
    int at = 0;
    while (at < text.length()) {
      int end = secret.matchEnd(text, at);
      if (end > at) {
        if (shown == null) {
          shown = new StringBuilder(text.length());
        }
        shown.append(text, copied, at).append(MASK);
        copied = end;
        at = end;
      } else {
        at++;
      }
    }
    return shown == null ? text : shown.append(text, copied, text.length()).toString();
  }

  private static String maskUrls(String text) {
    Matcher url = URL.matcher(text);
    String shown =
        url.replaceAll(
            match ->
                Matcher.quoteReplacement(
                    match.group(1)
                        + (match.group(2) == null ? "" : MASK + "@")
                        + match.group(3)
                        + (match.group(4) == null ? "" : "?" + MASK)
                        + (match.group(5) == null ? "" : "#" + MASK)));
    return OPAQUE_JDBC_URL.matcher(shown)
        .replaceAll(match -> Matcher.quoteReplacement(match.group(1) + match.group(2) + "?" + MASK));
  }

  /** Prints as the original would have, "class: message", with the message redacted. */
  private static final class Redacted extends Exception {
    private static final long serialVersionUID = 1L;

    Redacted(String printed, Throwable cause) {
      super(printed, cause);
    }

    @Override
    public String toString() {
      return getMessage();
    }
  }
}
