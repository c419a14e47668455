package dev.vdk.executionskip.controlservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The conformance tests validate against a copy of the published OpenAPI description kept in this
 * module's test resources; the copy is only worth something while it matches the original.
 */
class PublishedSpecCopyTest {

  /** Where the published description lives: a {@code shared/} folder beside the repository. */
  private static final String PUBLISHED = "shared/reference/control-service-api.yaml";

  @Test
  void theCopyKeepsTheLicenceHeaderAfterItsNote() throws IOException {
    String copy = read(OpenApiConformance.specUrl());

    assertThat(withoutNote(copy))
        .startsWith("# Copyright 2023-2025 Broadcom\n# SPDX-License-Identifier: Apache-2.0\n");
  }

  @Test
  void theCopyIsIdenticalToThePublishedDescriptionBelowItsNote() throws IOException {
    Optional<Path> published = publishedBesideTheRepository();
    // The one comparison that needs the sibling folder, which a fresh clone does not have.
    assumeTrue(published.isPresent(), "no " + PUBLISHED + " beside the repository to compare with");

    String copy = read(OpenApiConformance.specUrl());

    assertThat(withoutNote(copy))
        .as("src/test/resources/control-service-api.yaml below its note, against %s", published.get())
        .isEqualTo(Files.readString(published.get(), StandardCharsets.UTF_8));
  }

  /** The copy's note is the comment block up to its first empty line. */
  private static String withoutNote(String copy) {
    int end = copy.indexOf("\n\n");
    assertThat(end).as("the copy starts with a note ended by an empty line").isPositive();
    return copy.substring(end + 2);
  }

  /**
   * From the working directory upwards, a sibling {@code shared/} of the repository or of one of
   * its folders, as both a worktree and a CI checkout lay it out.
   */
  private static Optional<Path> publishedBesideTheRepository() {
    Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    for (Path dir = start; dir != null && dir.getParent() != null; dir = dir.getParent()) {
      Path candidate = dir.getParent().resolve(PUBLISHED);
      if (Files.isRegularFile(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static String read(URL url) throws IOException {
    try (InputStream in = url.openStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
