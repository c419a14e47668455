package dev.vdk.executionskip.cli;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The class loader the check command runs in: it sees the whole JDK and the command's own jars,
 * and nothing else on the class path.
 *
 * <p>A plain loader over the jars with the platform loader as parent would miss part of the JDK:
 * some of its modules, {@code jdk.random} among them (the algorithms behind {@code
 * RandomGenerator.getDefault()}), are defined to the application class loader. So this loader's
 * parent is the application loader, which is where {@link java.util.ServiceLoader} looks for those
 * modules' providers. Classes are looked up in this order: the boot and platform modules, these
 * jars, then the JDK modules of the application loader; the class path itself is never consulted,
 * so nothing on it can shadow a class in these jars. Resources are taken from these jars first,
 * then from the JDK.
 *
 * <p>It uses JDK classes only, since it runs before the framework is reachable.
 */
final class CommandClassLoader extends URLClassLoader {
  static {
    registerAsParallelCapable();
  }

  private final ClassLoader platform = ClassLoader.getPlatformClassLoader();
  private final Set<String> applicationModulePackages = jdkPackagesOf(ClassLoader.getSystemClassLoader());

  CommandClassLoader(URL[] jars) {
    super("vdk-check", jars, ClassLoader.getSystemClassLoader());
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    synchronized (getClassLoadingLock(name)) {
      Class<?> loaded = findLoadedClass(name);
      if (loaded == null) {
        loaded = fromPlatform(name);
      }
      if (loaded == null) {
        try {
          loaded = findClass(name);
        } catch (ClassNotFoundException notInTheseJars) {
          if (!applicationModulePackages.contains(packageOf(name))) {
            throw notInTheseJars;
          }
          loaded = getParent().loadClass(name);
        }
      }
      if (resolve) {
        resolveClass(loaded);
      }
      return loaded;
    }
  }

  @Override
  public URL getResource(String name) {
    URL own = findResource(name);
    return own != null ? own : platform.getResource(name);
  }

  @Override
  public Enumeration<URL> getResources(String name) throws IOException {
    List<URL> all = new ArrayList<>(Collections.list(findResources(name)));
    all.addAll(Collections.list(platform.getResources(name)));
    return Collections.enumeration(all);
  }

  private Class<?> fromPlatform(String name) {
    try {
      return platform.loadClass(name);
    } catch (ClassNotFoundException e) {
      return null;
    }
  }

  /** The packages of the boot layer's modules (the JDK's) that {@code loader} defines. */
  private static Set<String> jdkPackagesOf(ClassLoader loader) {
    return ModuleLayer.boot().modules().stream()
        .filter(module -> module.getClassLoader() == loader)
        .flatMap(module -> module.getPackages().stream())
        .collect(Collectors.toUnmodifiableSet());
  }

  private static String packageOf(String className) {
    int dot = className.lastIndexOf('.');
    return dot < 0 ? "" : className.substring(0, dot);
  }
}
