package dev.jembed.pooling.hub;

import dev.jembed.pooling.HubException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The unpacked copy of an embedded model in a cache folder, made so that weights can be
 * memory-mapped: written to {@code .<name>.tmp.<pid>} next to it and renamed into place, with the
 * permissions the umask gives (a shared cache stays readable by others).
 *
 * <p>A copy is trusted only while it is verified: after unpacking, every file's size and
 * modification time is recorded in {@value #STAMP}; a later run that finds them changed (or no
 * stamp) checks every file's sha256 against the index, and unpacks a fresh copy when one differs.
 * Temporary and replaced folders of processes that no longer run (a {@code kill -9} during the first
 * unpacking) are deleted on the next run; an interrupted JVM deletes its own on the way out.
 */
final class EmbeddedCopy {
    /** Sizes and modification times of the verified files, one {@code size mtime path} per line. */
    static final String STAMP = ".jembed-verified";

    private static final Pattern LEFTOVER = Pattern.compile("\\..+\\.(tmp|old)\\.(\\d+)");

    private EmbeddedCopy() {}

    /**
     * The verified copy at {@code target}, unpacked or repaired if needed.
     *
     * @throws IOException   when the cache folder cannot be written (the caller tries another)
     * @throws HubException when the jar itself is damaged (a file's hash differs from the index)
     */
    static Path ensure(String model, ClassLoader loader, String base, EmbeddedModels.Index index, Path target)
            throws IOException {
        Files.createDirectories(target.getParent());
        sweep(target.getParent());
        if (Files.isDirectory(target) && verified(target, index)) return target;
        Path fresh = unpack(model, loader, base, index, target);
        try {
            install(fresh, target);
        } finally {
            deleteTree(fresh);
        }
        if (!verified(target, index)) throw new IOException(target + " changed while it was being unpacked");
        return target;
    }

    /** Unpacks every listed file to a new temporary folder next to {@code target}, checking its hash. */
    private static Path unpack(String model, ClassLoader loader, String base, EmbeddedModels.Index index, Path target)
            throws IOException {
        Path tmp = target.resolveSibling(
                "." + target.getFileName() + ".tmp." + ProcessHandle.current().pid());
        deleteTree(tmp);
        Thread cleanup = new Thread(() -> deleteTree(tmp), "jembed-unpack-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        boolean done = false;
        try {
            Files.createDirectory(tmp); // default permissions: the umask decides, not a 0700 temp folder
            for (EmbeddedModels.Entry e : index.entries()) {
                Path out = tmp.resolve(e.path());
                Files.createDirectories(out.getParent());
                try (InputStream in = loader.getResourceAsStream(base + e.path())) {
                    if (in == null)
                        throw new HubException("embedded model " + model + ": resource " + base + e.path()
                                + " is listed in " + EmbeddedModels.INDEX + " but missing from the class path");
                    MessageDigest md = sha256();
                    try (OutputStream os = new DigestOutputStream(Files.newOutputStream(out), md)) {
                        in.transferTo(os);
                    }
                    String actual = HexFormat.of().formatHex(md.digest());
                    if (e.sha256() != null && !e.sha256().equals(actual)) {
                        throw new HubException("embedded model " + model + ": " + e.path() + " has sha256 " + actual
                                + ", " + EmbeddedModels.INDEX + " says " + e.sha256() + " (a corrupt jar?)");
                    }
                }
            }
            writeStamp(tmp, index);
            done = true;
            return tmp;
        } finally {
            if (!done) deleteTree(tmp);
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
        }
    }

    /** Renames {@code fresh} to {@code target}, moving a damaged copy out of the way first. */
    private static void install(Path fresh, Path target) throws IOException {
        Path old = null;
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            old = target.resolveSibling("." + target.getFileName() + ".old."
                    + ProcessHandle.current().pid());
            deleteTree(old);
            try {
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            } catch (NoSuchFileException raced) {
                old = null; // another process moved it first
            }
        }
        try {
            Files.move(fresh, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException raced) {
            // another process installed its copy first; the caller verifies it
            if (!Files.isDirectory(target)) throw raced;
        } finally {
            if (old != null) deleteTree(old); // files still mapped by running processes stay readable for them
        }
    }

    /** True if {@code dir} holds every listed file unchanged since it was verified, or passes a full hash check now. */
    static boolean verified(Path dir, EmbeddedModels.Index index) {
        try {
            Path stamp = dir.resolve(STAMP);
            if (Files.isRegularFile(stamp)
                    && Files.readString(stamp, StandardCharsets.UTF_8).equals(stampOf(dir, index))) {
                return true;
            }
            for (EmbeddedModels.Entry e : index.entries()) {
                Path f = dir.resolve(e.path());
                if (!Files.isRegularFile(f)) return false;
                if (e.sha256() == null) continue;
                MessageDigest md = sha256();
                try (InputStream in = new DigestInputStream(Files.newInputStream(f), md)) {
                    in.transferTo(OutputStream.nullOutputStream());
                }
                if (!e.sha256().equals(HexFormat.of().formatHex(md.digest()))) return false;
            }
            try {
                writeStamp(dir, index); // a copy verified by hash: the next runs only compare sizes and times
            } catch (IOException readOnly) {
                // someone else's cache: verified again next time
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void writeStamp(Path dir, EmbeddedModels.Index index) throws IOException {
        Path tmp = dir.resolve(STAMP + "." + ProcessHandle.current().pid());
        Files.writeString(tmp, stampOf(dir, index), StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve(STAMP), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static String stampOf(Path dir, EmbeddedModels.Index index) throws IOException {
        StringBuilder b = new StringBuilder();
        for (EmbeddedModels.Entry e : index.entries()) {
            Path f = dir.resolve(e.path());
            b.append(Files.size(f))
                    .append(' ')
                    .append(Files.getLastModifiedTime(f).toMillis())
                    .append(' ')
                    .append(e.path())
                    .append('\n');
        }
        return b.toString();
    }

    /** Deletes temporary and replaced folders in {@code parent} whose process is gone. */
    static void sweep(Path parent) {
        List<Path> stale = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(parent, ".*")) {
            for (Path p : s) {
                Matcher m = LEFTOVER.matcher(p.getFileName().toString());
                if (!m.matches()) continue;
                long pid;
                try {
                    pid = Long.parseLong(m.group(2));
                } catch (NumberFormatException e) {
                    continue;
                }
                if (pid != ProcessHandle.current().pid()
                        && ProcessHandle.of(pid).isEmpty()) stale.add(p);
            }
        } catch (IOException | RuntimeException ignored) {
            return; // a folder that cannot be listed fails later with a clear message
        }
        stale.forEach(EmbeddedCopy::deleteTree);
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: the next run's sweep tries again
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
