package dev.newsroom.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Class data sharing for the suite's JVMs. A Spring Boot jar run as built loads every class from a
 * jar nested in the jar, through Boot's own class loader, and parses and verifies it again on each
 * start: that is most of the CPU a service needs to start. Extracted (by {@link BootJarExtractor},
 * the layout of {@code java -Djarmode=tools -jar app.jar extract}), the classes come from plain jars on the class path, which is already
 * cheaper, and which a JVM can archive: a training run ({@code -XX:ArchiveClassesAtExit} with
 * {@code -Dspring.context.exit=onRefresh}, which stops once the application context is built)
 * writes the classes it loaded, parsed and verified, and later starts map that archive ({@code
 * -XX:SharedArchiveFile}).
 *
 * <p>Both are kept beside the jar, in {@code <module>/target/local-suite-cds/<stamp>/}, where the
 * stamp names the jar's content and the JVM that runs it: a changed jar or another JDK gets a
 * folder of its own, and {@code --fresh} (which forgets the data, not the build) keeps them. The
 * launcher extracts a jar the first time it runs it, and makes the archives after that start is
 * ready, in the background (see {@link ArchiveTraining}), so no build pays for them.
 */
final class ClassDataArchives {

    static final String FOLDER = "local-suite-cds";
    /** The archive role of a Spring service (its jar runs nothing else). */
    static final String SERVICE = "app";

    private final String java;
    private final String runtime;

    /**
     * @param java the java command the suite's processes run with
     * @param runtime what identifies that JVM (its home and version), part of the stamp
     */
    ClassDataArchives(String java, String runtime) {
        this.java = java;
        this.runtime = runtime;
    }

    static ClassDataArchives forThisJvm(String java) {
        return new ClassDataArchives(
                java, System.getProperty("java.home") + " " + System.getProperty("java.vm.version"));
    }

    /**
     * What to run for a jar: the extracted jar, and the folder its archives are kept in (one per
     * role: a service's is {@code app.jsa}; the broker and the store share a jar but not an archive).
     *
     * @param jar the extracted application jar (its libraries beside it, in {@code lib/})
     * @param folder where its archives are, or are to be written
     */
    record Launch(Path jar, Path folder) {

        Path archive(String role) {
            return folder.resolve(role + ".jsa");
        }

        /** Where a training run writes the archive until it is complete. */
        Path archiveInProgress(String role) {
            return folder.resolve(
                    role + ".jsa.partial-" + ProcessHandle.current().pid());
        }

        boolean archived(String role) {
            return Files.isRegularFile(archive(role));
        }

        /** The JVM options that map the role's archive, when there is one. */
        List<String> javaOptions(String role) {
            return archived(role) ? List.of("-XX:SharedArchiveFile=" + archive(role)) : List.of();
        }
    }

    /** Extracts the jar unless this build of it was extracted already; older extractions are removed. */
    Launch prepare(Path builtJar) {
        Path folder = builtJar.getParent().resolve(FOLDER);
        Path extracted = folder.resolve(stamp(builtJar));
        Path jar = extracted.resolve(builtJar.getFileName());
        if (!Files.isRegularFile(jar)) {
            extract(builtJar, extracted);
            removeOthers(folder, extracted);
        }
        return new Launch(jar, extracted);
    }

    /**
     * The command that makes an archive: the process as it is started, writing its classes when it
     * ends. A Spring service is told to end once its application context is built; the broker and
     * the store are stopped by the training once they say they are ready ({@code arguments}).
     */
    List<String> trainingCommand(
            Launch launch, List<String> javaOptions, Path archiveInProgress, boolean spring, List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(javaOptions);
        command.add("-XX:ArchiveClassesAtExit=" + archiveInProgress);
        // Classes the JVM cannot archive (old class file versions, generated accessors) are named one
        // line each; nobody needs to read that.
        command.add("-Xlog:cds=off");
        command.add("-Xlog:cds+dynamic=off");
        if (spring) {
            command.add("-Dspring.context.exit=onRefresh");
        }
        command.add("-jar");
        command.add(launch.jar().toString());
        command.addAll(arguments);
        return command;
    }

    /**
     * What identifies the jar's content and the JVM: the name, size and CRC of every entry (read
     * from the jar's directory, which costs milliseconds, not a hash of 80 MB), so that a build that
     * rewrites an unchanged jar keeps its extraction and archives, and any change gets new ones.
     */
    String stamp(Path builtJar) {
        try (JarFile jar = new JarFile(builtJar.toFile())) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(runtime.getBytes(StandardCharsets.UTF_8));
            for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                JarEntry entry = entries.nextElement();
                if (entry.getName().endsWith("-SNAPSHOT.jar")) {
                    // This project's own modules: rebuilt on every build with new times inside, so
                    // their bytes change when their classes do not. Their entries' CRCs are what counts.
                    digestEntries(jar, entry, digest);
                } else {
                    digest.update((entry.getName() + " " + entry.getSize() + " " + entry.getCrc() + "\n")
                            .getBytes(StandardCharsets.UTF_8));
                }
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void digestEntries(JarFile jar, JarEntry nested, MessageDigest digest) throws IOException {
        try (ZipInputStream in = new ZipInputStream(jar.getInputStream(nested))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                CRC32 crc = new CRC32();
                byte[] buffer = new byte[8192];
                for (int read = in.read(buffer); read > 0; read = in.read(buffer)) {
                    crc.update(buffer, 0, read);
                }
                digest.update((nested.getName() + "!" + entry.getName() + " " + crc.getValue() + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private void extract(Path builtJar, Path extracted) {
        Path partial = extracted.resolveSibling(
                extracted.getFileName() + ".partial-" + ProcessHandle.current().pid());
        try {
            deleteTree(partial);
            BootJarExtractor.extract(builtJar, partial);
            moveInPlace(partial, extracted);
        } catch (IOException e) {
            throw new SuiteException("Could not extract " + builtJar + " (" + e.getMessage()
                    + "); start with --no-cds to run it as built");
        } finally {
            deleteTreeQuietly(partial);
        }
    }

    /** Another launcher may have extracted the same jar meanwhile: then its copy is as good. */
    private static void moveInPlace(Path partial, Path extracted) throws IOException {
        try {
            Files.move(partial, extracted, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
            if (!Files.isDirectory(extracted)) {
                throw e;
            }
        } catch (IOException e) {
            // On Linux a rename onto a non-empty folder fails with "Directory not empty".
            if (!Files.isDirectory(extracted)) {
                throw e;
            }
        }
    }

    private static void removeOthers(Path folder, Path keep) {
        try (Stream<Path> entries = Files.list(folder)) {
            entries.filter(entry -> !entry.equals(keep)
                            && !entry.getFileName().toString().contains(".partial-"))
                    .forEach(ClassDataArchives::deleteTreeQuietly);
        } catch (IOException e) {
            // Old extractions only cost disk space.
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    static void deleteTreeQuietly(Path root) {
        try {
            deleteTree(root);
        } catch (IOException | UncheckedIOException e) {
            // Best effort: a leftover folder is retried next time.
        }
    }
}
