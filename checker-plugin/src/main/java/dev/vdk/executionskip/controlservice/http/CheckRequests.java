package dev.vdk.executionskip.controlservice.http;

import feign.Request;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The requests of one check, as Feign's {@link Request}s, each with the headers the reference
 * client sends: {@code X-OPID}, one operation id for every request of the check so the Control
 * Service's logs can be matched with ours, and a {@code User-Agent} naming this plugin and its
 * version. They are built directly rather than through a Feign proxy: the proxy parses its
 * interface's annotations at a job's start, which cost more than the check itself.
 */
public final class CheckRequests {

  /** The plugin's version as the build stamped it; not the jar manifest, which in a fat jar is the job's. */
  private static final String VERSION_RESOURCE = "/dev/vdk/executionskip/plugin-version.properties";

  public static final String USER_AGENT = "vdk-java-execution-skip/" + pluginVersion();

  private CheckRequests() {}

  /** A new operation id: 16 hex characters, as the reference makes them. */
  public static String newOperationId() {
    String hex = Long.toHexString(ThreadLocalRandom.current().nextLong());
    return "0".repeat(16 - hex.length()) + hex;
  }

  /** {@code GET url} asking for JSON, with the check's headers and its Bearer token, if any. */
  public static Request get(String url, String operationId, Optional<String> bearerToken) {
    Map<String, Collection<String>> headers = headers("application/json", operationId);
    if (bearerToken.isPresent()) {
      headers.put("Authorization", List.of("Bearer " + bearerToken.get()));
    }
    return Request.create(Request.HttpMethod.GET, url, headers, null, null, null);
  }

  /** The OAuth2 refresh_token exchange that {@link TokenEndpointApi} declares. */
  static Request tokenExchange(URI url, String formBody, String operationId) {
    Map<String, Collection<String>> headers = headers("application/json", operationId);
    headers.put("Content-Type", List.of("application/x-www-form-urlencoded"));
    byte[] body = formBody.getBytes(StandardCharsets.UTF_8);
    headers.put("Content-Length", List.of(String.valueOf(body.length)));
    return Request.create(
        Request.HttpMethod.POST, url.toString(), headers, body, StandardCharsets.UTF_8, null);
  }

  private static Map<String, Collection<String>> headers(String accept, String operationId) {
    Map<String, Collection<String>> headers = new LinkedHashMap<>();
    headers.put("Accept", List.of(accept));
    headers.put("X-OPID", List.of(operationId));
    headers.put("User-Agent", List.of(USER_AGENT));
    return headers;
  }

  private static String pluginVersion() {
    try (InputStream in = CheckRequests.class.getResourceAsStream(VERSION_RESOURCE)) {
      Properties stamped = new Properties();
      if (in != null) {
        stamped.load(in);
      }
      return stamped.getProperty("version", "unknown");
    } catch (IOException | IllegalArgumentException e) {
      return "unknown";
    }
  }
}
