package dev.jembed.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where {@code --output} writes, decided and checked before any work starts (every message names
 * the path the user gave):
 * <ul>
 *   <li>symbolic links are followed to what they point at, which is what gets written;</li>
 *   <li>a regular file, or a path that does not exist yet, is written next to its final name as
 *       {@code .NAME.PID.tmp} and renamed into place when complete, so readers never see half a
 *       file; an existing file keeps its permissions, and a read-only one is refused;</li>
 *   <li>anything else (a FIFO, a terminal, {@code /dev/null}, {@code /dev/fd/N} of a process
 *       substitution), and everything under {@code /dev} and {@code /proc}, is written directly.</li>
 * </ul>
 * A temporary file is deleted when the command fails or the JVM is interrupted (a shutdown hook),
 * and temporary files of dead jembed processes for the same output are swept before writing.
 */
final class OutputTarget {
    private static final Pattern TEMP = Pattern.compile("\\.(.+)\\.(\\d+)\\.tmp");

    private final String given;
    private final Path path;
    private final boolean atomic;
    private final Set<PosixFilePermission> keepPermissions;
    private Path temp;

    private OutputTarget(String given, Path path, boolean atomic, Set<PosixFilePermission> keepPermissions) {
        this.given = given;
        this.path = path;
        this.atomic = atomic;
        this.keepPermissions = keepPermissions;
    }

    /**
     * Checks that {@code given} can be written and decides how.
     *
     * @throws CommandException naming {@code given} when it cannot be written
     */
    static OutputTarget of(String given) {
        Path p;
        try {
            p = Path.of(given).toAbsolutePath();
        } catch (InvalidPathException e) {
            throw new CommandException("cannot write " + given + ": not a valid path (" + e.getReason() + ")");
        }
        boolean device = isDevice(p);
        try {
            // not past /dev or /proc: /dev/fd/N and /proc/self/fd/N are links the kernel resolves itself
            for (int hops = 0; !device && Files.isSymbolicLink(p); hops++) {
                if (hops > 40)
                    throw new CommandException("cannot write " + given + ": too many levels of symbolic links");
                p = p.resolveSibling(Files.readSymbolicLink(p)).normalize();
                device = isDevice(p);
            }
        } catch (IOException e) {
            throw new CommandException("cannot write " + given + ": cannot follow its symbolic link: " + reason(e));
        }
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(p, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            attrs = null;
        } catch (IOException e) {
            throw new CommandException("cannot write " + given + ": " + reason(e));
        }
        if (attrs != null && attrs.isDirectory())
            throw new CommandException("cannot write " + given + ": it is a folder");
        if (device || attrs != null && !attrs.isRegularFile()) return new OutputTarget(given, p, false, null);

        Path folder = p.getParent();
        if (!Files.isDirectory(folder)) {
            throw new CommandException("cannot write " + given + ": the folder " + folder + " does not exist");
        }
        if (attrs != null && !Files.isWritable(p)) {
            throw new CommandException("cannot write " + given + ": permission denied (the file is read-only)");
        }
        if (!Files.isWritable(folder)) {
            if (attrs != null)
                return new OutputTarget(given, p, false, null); // writable file in a locked folder: in place
            throw new CommandException("cannot write " + given + ": permission denied on the folder " + folder);
        }
        Set<PosixFilePermission> perms = null;
        if (attrs != null) {
            try {
                perms = Files.getPosixFilePermissions(p);
            } catch (UnsupportedOperationException | IOException e) {
                perms = null; // not a POSIX file system: the new file gets the folder's defaults
            }
        }
        return new OutputTarget(given, p, true, perms);
    }

    /** The file written in the end (symbolic links followed). */
    Path path() {
        return path;
    }

    /** True when the output goes to a temporary file renamed into place by {@link #commit()}. */
    boolean atomic() {
        return atomic;
    }

    /** Opens the stream to write to; for an atomic target, a new temporary file next to the result. */
    OutputStream open() throws IOException {
        try {
            if (!atomic) {
                return Files.newOutputStream(
                        path,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING);
            }
            sweep(path);
            temp = path.resolveSibling(
                    "." + path.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
            TempFiles.register(temp);
            Files.deleteIfExists(temp);
            return Channels.newOutputStream(
                    Files.newByteChannel(temp, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)));
        } catch (FileSystemException e) {
            throw new CommandException("cannot write " + given + ": " + reason(e), e);
        }
    }

    /** Moves a complete temporary file into place, with the permissions the replaced file had. */
    void commit() throws IOException {
        if (temp == null) return;
        try {
            if (keepPermissions != null) Files.setPosixFilePermissions(temp, keepPermissions);
            Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileSystemException e) {
            throw new CommandException("cannot write " + given + ": " + reason(e), e);
        } finally {
            discard();
        }
    }

    /** Deletes the temporary file if it is still there (a failed run). */
    void discard() {
        if (temp == null) return;
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // best effort; the next run's sweep removes it
        }
        TempFiles.unregister(temp);
        temp = null;
    }

    /** Deletes {@code .NAME.PID.tmp} files left next to {@code target} by jembed processes that are gone. */
    static void sweep(Path target) {
        String name = target.getFileName().toString();
        try (DirectoryStream<Path> s =
                Files.newDirectoryStream(target.getParent(), "." + globEscape(name) + ".*.tmp")) {
            for (Path f : s) {
                Matcher m = TEMP.matcher(f.getFileName().toString());
                if (m.matches()
                        && m.group(1).equals(name)
                        && Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)
                        && writerGone(m.group(2))) Files.deleteIfExists(f);
            }
        } catch (IOException | RuntimeException ignored) {
            // sweeping is a courtesy: an unreadable folder fails later with a proper message
        }
    }

    /** Whether the process {@code pid} that wrote a temporary file has ended (and is not this one). */
    private static boolean writerGone(String pid) {
        try {
            long p = Long.parseLong(pid);
            return p != ProcessHandle.current().pid() && ProcessHandle.of(p).isEmpty();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isDevice(Path p) {
        return p.startsWith("/dev") || p.startsWith("/proc");
    }

    private static String globEscape(String s) {
        return s.replaceAll("([\\\\*?\\[\\]{}])", "\\\\$1");
    }

    private static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
        if (e instanceof NoSuchFileException) return "no such file or folder";
        if (e instanceof FileSystemException f && f.getReason() != null) return f.getReason();
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
