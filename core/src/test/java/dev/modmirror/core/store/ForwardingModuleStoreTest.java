package dev.modmirror.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every method of the port is forwarded with its arguments and its answer, except the defaults that
 * are the port's own code over the others ({@code save}, {@code saveCopy}, {@code saveNew} and
 * {@code repair}, which must run the port's order over the wrapper's writes, and {@code
 * completeLayouts}, {@code listed} and {@code size}, which no adapter replaces). A method added to
 * {@link ModuleStore} fails here until it is forwarded or named as the port's own, not later in a
 * wrapper.
 */
class ForwardingModuleStoreTest {
  private static final List<String> NOT_FORWARDED =
      List.of("save", "saveCopy", "saveNew", "repair", "completeLayouts", "listed", "size");

  @Test
  void forwardsEveryMethodButThePortsOwnDefaultsWithItsArgumentsAndAnswer() throws Exception {
    List<String> calls = new ArrayList<>();
    Object answer = new Object();
    ModuleStore delegate =
        (ModuleStore)
            Proxy.newProxyInstance(
                ModuleStore.class.getClassLoader(),
                new Class<?>[] {ModuleStore.class},
                (proxy, method, args) -> {
                  calls.add(
                      method.getName() + Arrays.toString(args == null ? new Object[0] : args));
                  return method.getReturnType() == void.class ? null : answerFor(method, answer);
                });
    ForwardingModuleStore forwarding = new ForwardingModuleStore(delegate);
    int forwarded = 0;
    for (Method method : ModuleStore.class.getDeclaredMethods()) {
      if (Modifier.isPrivate(method.getModifiers()) || Modifier.isStatic(method.getModifiers())) {
        continue;
      }
      boolean declared = declares(method);
      if (NOT_FORWARDED.contains(method.getName())) {
        assertThat(declared).as(method.getName() + " must stay the port's own").isFalse();
        continue;
      }
      assertThat(declared).as(method.getName() + " is not forwarded").isTrue();
      Object[] args = argumentsFor(method);
      calls.clear();
      Object got = method.invoke(forwarding, args);
      assertThat(calls)
          .as(method.getName())
          .containsExactly(method.getName() + Arrays.toString(args));
      if (method.getReturnType() != void.class) {
        Object want = answerFor(method, answer);
        if (method.getReturnType().isPrimitive()) {
          assertThat(got).as(method.getName()).isEqualTo(want);
        } else {
          assertThat(got).as(method.getName()).isSameAs(want);
        }
      }
      forwarded++;
    }
    assertThat(forwarded).isEqualTo(27);
  }

  private static boolean declares(Method method) {
    try {
      ForwardingModuleStore.class.getDeclaredMethod(method.getName(), method.getParameterTypes());
      return true;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  private static final java.util.Map<Class<?>, Object> ANSWERS = new java.util.HashMap<>();

  /** One distinct answer per return type, the same each time it is asked for. */
  private static Object answerFor(Method method, Object fallback) {
    Class<?> type = method.getReturnType();
    if (type == boolean.class) {
      // layoutsComplete's own default is true: a wrapper that did not forward it would answer so.
      return method.getName().equals("layoutsComplete") ? Boolean.FALSE : Boolean.TRUE;
    }
    return ANSWERS.computeIfAbsent(
        type,
        t -> {
          if (t == String.class) {
            return "delegate";
          }
          if (t == java.util.Optional.class) {
            return java.util.Optional.of(fallback);
          }
          if (t == java.util.Iterator.class) {
            return List.of().iterator();
          }
          if (t == List.class) {
            return List.of(fallback);
          }
          if (t == VersionHashes.class) {
            return new VersionHashes("h1:a", "h1:b");
          }
          if (t == CompletionMarker.class) {
            return new CompletionMarker.Recorded(new VersionHashes("h1:a", "h1:b"));
          }
          throw new AssertionError("no answer for " + t);
        });
  }

  /** One distinct value per parameter, so a swapped or dropped argument shows. */
  private static Object[] argumentsFor(Method method) {
    Class<?>[] types = method.getParameterTypes();
    Object[] args = new Object[types.length];
    for (int i = 0; i < types.length; i++) {
      Class<?> t = types[i];
      args[i] =
          t == long.class
              ? 42L
              : t == byte[].class
                  ? new byte[] {1}
                  : t == String.class
                      ? "_modmirror/records/x"
                      : t == dev.modmirror.core.module.ModuleRef.class
                          ? dev.modmirror.core.module.ModuleRef.of("example.com/m", "v1.0.0")
                          : t == dev.modmirror.core.module.ModulePath.class
                              ? dev.modmirror.core.module.ModulePath.of("example.com/m")
                              : t == Artifact.class
                                  ? Artifact.ZIP
                                  : t == VersionHashes.class
                                      ? new VersionHashes("h1:c", "h1:d")
                                      : t == java.io.InputStream.class
                                          ? java.io.InputStream.nullInputStream()
                                          : t == java.util.Collection.class
                                              ? List.of(
                                                  dev.modmirror.core.module.ModuleRef.of(
                                                      "example.com/n", "v2.0.0"))
                                              : t == BucketLocation.class
                                                  ? new BucketLocation(
                                                      "http://s3.example", "acct", "primary")
                                                  : failNoArgument(t);
    }
    return args;
  }

  private static Object failNoArgument(Class<?> type) {
    throw new AssertionError("no argument for " + type);
  }
}
