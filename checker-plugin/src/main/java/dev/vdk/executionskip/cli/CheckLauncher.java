package dev.vdk.executionskip.cli;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The Main-Class of {@code checker-plugin.jar}, so that {@code java -jar checker-plugin.jar check}
 * works although the jar does not carry the framework at its top level: on a job's classpath the
 * job brings the framework, and a second copy could clash with it. For the command, the framework
 * jars ({@code checker-api} and Typesafe Config) are nested under {@value #NESTED}; this launcher
 * extracts them to a temporary folder (deleted when the JVM exits) and runs {@link CheckCommand}
 * in a {@link CommandClassLoader} over this jar and them, which sees the whole JDK and nothing else
 * of the class path: nothing outside these jars can shadow a class in them.
 *
 * <p>It uses JDK classes only, since it runs before the framework is reachable.
 */
public final class CheckLauncher {
  /** Where the build nests the framework jars. */
  static final String NESTED = "META-INF/vdk-cli/lib/";

  private static final String COMMAND = "dev.vdk.executionskip.cli.CheckCommand";

  private CheckLauncher() {}

  public static void main(String[] args) throws Throwable {
    Method main;
    try {
      ClassLoader loader = new CommandClassLoader(classPath());
      Thread.currentThread().setContextClassLoader(loader);
      main = loader.loadClass(COMMAND).getMethod("main", String[].class);
    } catch (IOException | URISyntaxException | ReflectiveOperationException | IllegalStateException e) {
      System.err.println("vdk-check: could not start the command: " + e);
      System.exit(CheckCommand.COULD_NOT_CHECK);
      return;
    }
    try {
      main.invoke(null, (Object) args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static URL[] classPath() throws IOException, URISyntaxException {
    Path ownJar = Path.of(CheckLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<URL> urls = new ArrayList<>();
    urls.add(ownJar.toUri().toURL());
    Path folder = Files.createTempDirectory("vdk-check-");
    // Registered first, so deleted last: deleteOnExit works in reverse order.
    folder.toFile().deleteOnExit();
    try (JarFile jar = new JarFile(ownJar.toFile())) {
      List<JarEntry> nested =
          jar.stream()
              .filter(entry -> entry.getName().startsWith(NESTED) && entry.getName().endsWith(".jar"))
              .sorted((a, b) -> a.getName().compareTo(b.getName()))
              .toList();
      for (JarEntry entry : nested) {
        // Only the file name: an entry name never gets to say where outside the folder it goes.
        Path target = folder.resolve(Path.of(entry.getName()).getFileName().toString());
        target.toFile().deleteOnExit();
        try (InputStream in = jar.getInputStream(entry)) {
          Files.copy(in, target);
        }
        urls.add(target.toUri().toURL());
      }
    }
    if (urls.size() == 1) {
      throw new IllegalStateException(
          ownJar + " holds no framework jars under " + NESTED + "; run the checker-plugin.jar that"
              + " Maven builds, or put the framework on the class path and run " + COMMAND);
    }
    return urls.toArray(URL[]::new);
  }
}
