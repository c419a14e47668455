package dev.vdk.executionskip.controlservice;

import feign.Response;
import java.util.Optional;

/** Reads a response header by name, ignoring case as HTTP does. */
final class ResponseHeaders {

  private ResponseHeaders() {}

  static Optional<String> first(Response response, String name) {
    return response.headers().entrySet().stream()
        .filter(header -> header.getKey() != null && header.getKey().equalsIgnoreCase(name))
        .flatMap(header -> header.getValue().stream())
        .findFirst();
  }
}
