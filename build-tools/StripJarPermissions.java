import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Rewrites the jars in a folder so that no entry carries file permissions. Maven's archiver takes
 * each entry's permissions from the file it packs, as the builder's umask (and the umask of the
 * checkout) left it, so builders with different umasks made different jars; with no permissions,
 * they make the same. The shade plugin writes none either.
 *
 * <p>Run by the build (exec-maven-plugin, phase package) as a single-file program: {@code java
 * StripJarPermissions.java <folder or jar>...}. Each jar named, and every {@code *.jar} directly in
 * each folder named, is rewritten entry by entry, in the same order, with the same names, times,
 * methods and contents; a jar that would not change is left untouched. A path that does not exist
 * is skipped.
 */
public final class StripJarPermissions {
  private StripJarPermissions() {}

  public static void main(String[] paths) throws IOException {
    for (String given : paths) {
      Path path = Path.of(given);
      List<Path> jars = List.of();
      if (Files.isDirectory(path)) {
        try (Stream<Path> files = Files.list(path)) {
          jars = files.filter(file -> file.getFileName().toString().endsWith(".jar")).sorted().toList();
        }
      } else if (Files.isRegularFile(path)) {
        jars = List.of(path);
      }
      for (Path jar : jars) {
        byte[] before = Files.readAllBytes(jar);
        byte[] after = withoutPermissions(jar);
        if (!Arrays.equals(before, after)) {
          Files.write(jar, after);
        }
      }
    }
  }

  private static byte[] withoutPermissions(Path jar) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipFile in = new ZipFile(jar.toFile());
        ZipOutputStream out = new ZipOutputStream(bytes)) {
      out.setComment(in.getComment());
      Enumeration<? extends ZipEntry> entries = in.entries();
      while (entries.hasMoreElements()) {
        ZipEntry original = entries.nextElement();
        // A new entry, not a copy: a copy would keep the permissions.
        ZipEntry entry = new ZipEntry(original.getName());
        // The DOS date and time as they are, never through a time zone.
        entry.setTimeLocal(original.getTimeLocal());
        entry.setMethod(original.getMethod());
        entry.setComment(original.getComment());
        if (original.getExtra() != null) {
          entry.setExtra(original.getExtra());
        }
        if (original.getMethod() == ZipEntry.STORED) {
          entry.setSize(original.getSize());
          entry.setCompressedSize(original.getCompressedSize());
          entry.setCrc(original.getCrc());
        }
        out.putNextEntry(entry);
        try (InputStream content = in.getInputStream(original)) {
          content.transferTo(out);
        }
        out.closeEntry();
      }
    }
    return bytes.toByteArray();
  }
}
