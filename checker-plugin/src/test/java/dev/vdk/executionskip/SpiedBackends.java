package dev.vdk.executionskip;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.spy;

import dev.vdk.executionskip.backend.BackendProvider;
import dev.vdk.executionskip.backend.ExecutionBackend;
import java.util.List;

/**
 * The real backend providers (their names, keys and validation) as Mockito spies whose {@code
 * create} makes a stand-in backend instead of the real one. Verify on {@link #named} what the
 * plugin or the command asked of a provider, e.g. {@code verify(backends.named("local")).create(any(), any())}.
 */
public final class SpiedBackends {
  /** Makes the stand-in backend; may throw, as a real provider may. */
  @FunctionalInterface
  public interface StandIn {
    ExecutionBackend make() throws Throwable;
  }

  private final List<BackendProvider> spies;

  /** Every provider makes what {@code standIn} makes. */
  public SpiedBackends(StandIn standIn) {
    this.spies = BackendProviders.discover().all().stream().map(real -> spyMaking(real, standIn)).toList();
  }

  public BackendProviders providers() {
    return BackendProviders.of(spies);
  }

  /** The spy of the provider with this name. */
  public BackendProvider named(String name) {
    return spies.stream()
        .filter(provider -> provider.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("No backend named " + name));
  }

  private static BackendProvider spyMaking(BackendProvider real, StandIn standIn) {
    BackendProvider spied = spy(real);
    try {
      doAnswer(invocation -> standIn.make()).when(spied).create(any(), any());
    } catch (Exception e) {
      // Stubbing calls nothing; create only declares that it may throw.
      throw new AssertionError(e);
    }
    return spied;
  }
}
