package dev.vdk.executionskip.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LockFileNameTest {

  private static final Path DIR = Path.of("/var/locks");

  @Test
  void namesAreReadableAndStable() {
    assertThat(LockFileName.of("supercollider", "mzhivkov-test-job3"))
        .isEqualTo("supercollider--mzhivkov-test-job3--78f306445899c802e800f01c.lock");
  }

  @Test
  void awkwardNamesStayInsideTheLockDirectory() {
    List<String[]> awkward = List.of(
        new String[] {"..", ".."},
        new String[] {"../../etc", "passwd"},
        new String[] {"team/with/slashes", "job\\with\\backslashes"},
        new String[] {"", ""},
        new String[] {".", "."},
        new String[] {"team\0nul", "job\nnewline"},
        new String[] {"τεάμ", "ジョブ"});
    for (String[] pair : awkward) {
      String name = LockFileName.of(pair[0], pair[1]);
      Path file = DIR.resolve(name).normalize();
      assertThat(file.getParent()).as("lock file of %s/%s", pair[0], pair[1]).isEqualTo(DIR);
      assertThat(name).matches("[A-Za-z0-9_-]*--[A-Za-z0-9_-]*--[0-9a-f]{24}\\.lock");
    }
  }

  @Test
  void namesThatSanitizeAlikeDoNotCollide() {
    Set<String> names = List.of(
            new String[] {"team", "a/b"},
            new String[] {"team", "a b"},
            new String[] {"team", "a_b"},
            new String[] {"team", "a..b"},
            new String[] {"team--a", "b"},
            new String[] {"team", "a--b"},
            new String[] {"team", "x".repeat(200)},
            new String[] {"team", "x".repeat(201)})
        .stream()
        .map(pair -> LockFileName.of(pair[0], pair[1]))
        .collect(Collectors.toSet());
    assertThat(names).hasSize(8);
  }

  @Test
  void longNamesAreCutToAFileSystemFriendlyLength() {
    assertThat(LockFileName.of("t".repeat(1000), "j".repeat(1000))).hasSizeLessThan(160);
  }
}
