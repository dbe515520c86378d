package dev.jembed.engine.testing;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * The class path for a probe JVM a test starts. Since engine has a module-info, surefire runs its
 * tests on the module path (main classes and jackson-core there, test classes patched in), so
 * {@code java.class.path} alone holds only the test libraries; the child gets all three.
 */
public final class ChildJvm {
    private ChildJvm() {}

    /** Test classes (where {@code probe} lives), the module path, then the class path. */
    public static String classPath(Class<?> probe) {
        try {
            String tests = Path.of(probe.getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString();
            String modules = System.getProperty("jdk.module.path", "");
            return String.join(File.pathSeparator, tests, modules, System.getProperty("java.class.path"));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
