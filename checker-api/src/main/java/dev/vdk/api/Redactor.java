package dev.vdk.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The one redaction that every message of the framework and its plugins passes through before it
 * is written anywhere (log lines, results, termination messages, command output):
 *
 * <ul>
 *   <li>every known secret, written as it is, URL-encoded, form-encoded ({@code +} for a space) or
 *       JSON-escaped, in any mix, becomes {@value #MASK};
 *   <li>in every URL, the user-info (everything from {@code ://} up to the last {@code @} before
 *       a space, so a password holding an unencoded {@code @}, {@code ?} or {@code #} is hidden
 *       whole), the query and the fragment become {@value #MASK}; so does the query of an opaque
 *       JDBC URL ({@code jdbc:postgresql:db?password=x}). A value known to be a URL goes through
 *       {@link #redactUrl}, which also hides a password holding a space.
 * </ul>
 *
 * <p>The secrets are given explicitly: the values of the keys declared sensitive ({@link
 * #of(Configuration)}), plus whatever a component learns while it runs (an access token, see
 * {@link #with}). A secret is masked wherever it appears, even inside a longer word. Immutable.
 */
public final class Redactor {

  /** What a hidden secret, user-info or query is shown as. */
  public static final String MASK = "****";

  /** How many causes of a failure {@link #redact(Throwable)} copies; the rest are counted. */
  static final int MAX_CAUSES = 100;

  /** How many failures one copy holds in all, suppressed ones and their causes included. */
  private static final int MAX_COPIED = 1000;

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
    return text == null ? null : UrlMasker.maskInText(maskSecrets(text));
  }

  /**
   * As {@link #redact(String)}, for a text that may be only the start of a longer one (the first
   * bytes of an answer, say): it is first cut where a secret, in any of its forms, could begin and
   * run on past its end, since a secret cut in two is not recognised; and a last word that begins
   * a URL is left out, since a URL's user-info is told by an {@code @} that may not have come.
   */
  public String redactStart(String text) {
    if (text == null) {
      return null;
    }
    int cut = text.length();
    // Only a secret that starts within its longest written length of the end can run past it.
    for (SecretMatcher matcher : matchers) {
      for (int start = Math.max(0, text.length() - matcher.longestWritten()); start < cut; start++) {
        if (matcher.runsOffTheEnd(text, start)) {
          cut = start;
          break;
        }
      }
    }
    // A whole secret that the cut falls inside would no longer be recognised: cut before it,
    // until no secret spans the cut.
    for (boolean moved = true; moved; ) {
      moved = false;
      for (SecretMatcher matcher : matchers) {
        for (int start = Math.max(0, cut - matcher.longestWritten()); start < cut; start++) {
          if (matcher.matchEnd(text, start) > cut) {
            cut = start;
            moved = true;
            break;
          }
        }
      }
    }
    int lastWord = cut;
    while (lastWord > 0 && !UrlMasker.isSpace(text.charAt(lastWord - 1))) {
      lastWord--;
    }
    if (text.substring(lastWord, cut).contains("://")) {
      cut = lastWord;
    }
    return redact(text.substring(0, cut));
  }

  /**
   * {@code url}, a value known to be a URL (a setting, say), with every secret, its user-info,
   * query and fragment hidden: the user-info is everything from {@code ://} up to the last {@code
   * @} of the whole value, so a password holding a space is hidden whole too. Null stays null.
   */
  public String redactUrl(String url) {
    return url == null ? null : UrlMasker.maskValue(maskSecrets(url));
  }

  /**
   * A copy of {@code failure} fit for output: its causes and suppressed exceptions copied too, each
   * with the same stack trace, printed as "class: message" like the original, its message redacted
   * and on one line (see {@link OneLine}). Null stays null.
   *
   * <p>Bounded, so that no failure can make the copy or its printing overflow the stack: after
   * {@value #MAX_CAUSES} causes, one last cause says how many more there were; a cause seen before
   * (a cycle) ends the chain.
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
    // The chain is walked in a loop, not recursively: a chain of many thousands of causes is
    // cheap to throw and would otherwise overflow the stack of whoever shows it.
    List<Throwable> chain = new ArrayList<>();
    Throwable next = failure;
    while (next != null && chain.size() <= MAX_CAUSES && seen.add(next)) {
      chain.add(next);
      next = next.getCause();
    }
    Throwable copy = chain.size() > MAX_CAUSES ? leftOut(next, seen) : null;
    for (int i = chain.size() - 1; i >= 0; i--) {
      Throwable original = chain.get(i);
      String message = original.getLocalizedMessage();
      copy =
          new Redacted(
              original.getClass().getName() + (message == null ? "" : ": " + OneLine.escape(redact(message))),
              copy);
      copy.setStackTrace(original.getStackTrace());
      for (Throwable suppressed : original.getSuppressed()) {
        Throwable suppressedCopy = seen.size() < MAX_COPIED ? copy(suppressed, seen) : null;
        if (suppressedCopy != null) {
          copy.addSuppressed(suppressedCopy);
        }
      }
    }
    return copy;
  }

  /**
   * The cause that stands for {@code first} and the causes after it, counted, not copied; null
   * when there are none that were not seen already.
   */
  private static Throwable leftOut(Throwable first, Set<Throwable> seen) {
    long count = 0;
    for (Throwable next = first; next != null && seen.add(next); next = next.getCause()) {
      count++;
    }
    if (count == 0) {
      return null;
    }
    Throwable marker = new Redacted("... " + count + " more causes", null);
    marker.setStackTrace(new StackTraceElement[0]);
    return marker;
  }

  /**
   * Every secret found in the text as it is, then each run of text that any of them covers masked
   * once: masking one secret first could break an occurrence of another that overlaps it.
   */
  private String maskSecrets(String text) {
    boolean[] covered = null;
    for (SecretMatcher matcher : matchers) {
      int at = 0;
      while (at < text.length()) {
        int end = matcher.matchEnd(text, at);
        if (end > at) {
          if (covered == null) {
            covered = new boolean[text.length()];
          }
          Arrays.fill(covered, at, end, true);
          at = end;
        } else {
          at++;
        }
      }
    }
    if (covered == null) {
      return text;
    }
    StringBuilder shown = new StringBuilder(text.length());
    for (int at = 0; at < text.length(); at++) {
      if (!covered[at]) {
        shown.append(text.charAt(at));
      } else if (at == 0 || !covered[at - 1]) {
        shown.append(MASK);
      }
    }
    return shown.toString();
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
