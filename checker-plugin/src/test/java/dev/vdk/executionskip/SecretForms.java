package dev.vdk.executionskip;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The forms a secret takes in text that reaches output: as it is, form-encoded ({@code +} for a
 * space), URL-encoded ({@code %20}) and JSON-escaped (as Jackson writes it, and with {@code \/} as
 * some servers write it). Tests assert that none of them is in any output.
 */
public final class SecretForms {
  private SecretForms() {}

  /** The forms of {@code secret}, by name. */
  public static Map<String, String> of(String secret) {
    String form = URLEncoder.encode(secret, StandardCharsets.UTF_8);
    String json = json(secret);
    Map<String, String> forms = new LinkedHashMap<>();
    forms.put("raw", secret);
    forms.put("form-encoded", form);
    forms.put("URL-encoded", form.replace("+", "%20"));
    forms.put("JSON-escaped", json);
    forms.put("JSON-escaped with \\/", json.replace("/", "\\/"));
    return forms;
  }

  /** Fails naming {@code where} and the form if {@code output} holds {@code secret} in any form. */
  public static void assertAbsent(String secret, String output, String where) {
    of(secret).forEach((name, form) ->
        assertThat(output).as("%s holds the secret %s", where, name).doesNotContain(form));
  }

  private static String json(String secret) {
    try {
      String quoted = new ObjectMapper().writeValueAsString(secret);
      return quoted.substring(1, quoted.length() - 1);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
