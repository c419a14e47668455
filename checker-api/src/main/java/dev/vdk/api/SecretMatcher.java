package dev.vdk.api;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds one secret in a text however each of its characters is written: as it is, percent-encoded
 * (any case, as URLs and form bodies write it), {@code +} for a space (form encoding), or as a JSON
 * escape ({@code \"}, {@code \/}, {@code \}{@code u00e9} in any case). Each character may be
 * written its own way, so every mix of these encodings is found too.
 *
 * <p>Iterative on purpose: a regular expression with one group per character recurses once per
 * character and overflows the stack on a long token.
 */
final class SecretMatcher {

  /** One way to write a character; hex digits are compared ignoring case. */
  private record Form(String text, boolean ignoreCase) {}

  /** For each code point of the secret, the ways it may be written. */
  private final List<List<Form>> codePoints;

  /** See {@link #longestWritten()}; fixed by the secret, so worked out once. */
  private final int longestWritten;

  SecretMatcher(String secret) {
    this.codePoints = secret.codePoints().mapToObj(SecretMatcher::formsOf).toList();
    int longest = 0;
    for (List<Form> forms : codePoints) {
      int character = 0;
      for (Form form : forms) {
        character = Math.max(character, form.text().length());
      }
      longest += character;
    }
    this.longestWritten = longest;
  }

  /** What {@link #walk} returns when the text ends inside the secret. */
  private static final int RUNS_OFF = -2;

  /** The most characters the secret takes in text, each of its characters written its longest way. */
  int longestWritten() {
    return longestWritten;
  }

  /** The end of the longest match of the secret that starts at {@code start}, or -1 if none does. */
  int matchEnd(String text, int start) {
    return Math.max(walk(text, start), -1);
  }

  /**
   * Whether the text, from {@code start}, is the beginning of the secret cut off by the text's end:
   * it matches as far as it goes, in any of the secret's forms, and ends before the secret does.
   */
  boolean runsOffTheEnd(String text, int start) {
    return walk(text, start) == RUNS_OFF;
  }

  /**
   * Matches the secret from {@code start}, character by character in every form: the end of the
   * longest whole match; else {@link #RUNS_OFF} when the text ended while it still matched; else -1.
   */
  private int walk(String text, int start) {
    // The offsets at which the characters matched so far may end: one or two, rarely more.
    int[] ends = {start};
    int count = 1;
    boolean ranOff = false;
    for (List<Form> forms : codePoints) {
      int[] next = new int[count * forms.size()];
      int found = 0;
      for (int i = 0; i < count; i++) {
        int left = text.length() - ends[i];
        for (Form form : forms) {
          String written = form.text();
          if (left >= written.length()) {
            if (text.regionMatches(form.ignoreCase(), ends[i], written, 0, written.length())) {
              found = addIfNew(next, found, ends[i] + written.length());
            }
          } else if ((left == 0 && ends[i] > start)
              || (left > 0 && text.regionMatches(form.ignoreCase(), ends[i], written, 0, left))) {
            // The end cuts the secret, or this form of its next character, in two.
            ranOff = true;
          }
        }
      }
      if (found == 0) {
        return ranOff ? RUNS_OFF : -1;
      }
      ends = next;
      count = found;
    }
    int longest = -1;
    for (int i = 0; i < count; i++) {
      longest = Math.max(longest, ends[i]);
    }
    return longest;
  }

  private static int addIfNew(int[] values, int size, int value) {
    for (int i = 0; i < size; i++) {
      if (values[i] == value) {
        return size;
      }
    }
    values[size] = value;
    return size + 1;
  }

  private static List<Form> formsOf(int codePoint) {
    String character = new String(Character.toChars(codePoint));
    List<Form> forms = new ArrayList<>();
    forms.add(new Form(character, false));
    StringBuilder percent = new StringBuilder();
    for (byte b : character.getBytes(StandardCharsets.UTF_8)) {
      percent.append('%').append(String.format(Locale.ROOT, "%02x", b & 0xff));
    }
    forms.add(new Form(percent.toString(), true));
    StringBuilder unicodeEscape = new StringBuilder();
    for (char unit : character.toCharArray()) {
      unicodeEscape.append(String.format(Locale.ROOT, "\\u%04x", (int) unit));
    }
    forms.add(new Form(unicodeEscape.toString(), true));
    switch (codePoint) {
      case ' ' -> forms.add(new Form("+", false));
      case '"', '\\', '/' -> forms.add(new Form("\\" + character, false));
      case '\b' -> forms.add(new Form("\\b", false));
      case '\f' -> forms.add(new Form("\\f", false));
      case '\n' -> forms.add(new Form("\\n", false));
      case '\r' -> forms.add(new Form("\\r", false));
      case '\t' -> forms.add(new Form("\\t", false));
      default -> {
        // no other short forms
      }
    }
    return forms;
  }
}
