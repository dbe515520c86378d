package dev.jembed.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A checkout in a temporary folder for the launcher tests: the real {@code ./jembed} and
 * {@code bin/find-jdk}, the build's {@code jvm.args}, empty jars where the build puts them, and a fake
 * JDK 25 whose {@code java} is the given script (it prints what the launcher passes it).
 */
final class LauncherFixture {
    private LauncherFixture() {}

    static void install(Path root, String javaScript) throws IOException {
        Files.copy(Path.of("..", "jembed"), root.resolve("jembed"));
        Files.copy(
                Path.of("..", "bin", "find-jdk"),
                Files.createDirectories(root.resolve("bin")).resolve("find-jdk"));
        Path target = Files.createDirectories(root.resolve("cli/target"));
        Files.copy(Path.of("target", "jvm.args"), target.resolve("jvm.args"));
        Files.writeString(target.resolve("jembed-cli-1.jar"), "");
        Files.writeString(target.resolve("jembed-cli-1-all-minilm-l6-v2.jar"), "");
        Files.writeString(target.resolve("classpath.txt"), "/nonexistent.jar");
        Path jdk = Files.createDirectories(root.resolve("jdk/bin"));
        Files.writeString(root.resolve("jdk/release"), "JAVA_VERSION=\"25.0.3\"\n");
        Files.writeString(jdk.resolve("java"), javaScript);
        Files.setPosixFilePermissions(jdk.resolve("java"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(root.resolve("jembed"), PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
