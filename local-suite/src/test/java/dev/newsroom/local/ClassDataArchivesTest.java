package dev.newsroom.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassDataArchivesTest {

    @TempDir
    Path dir;

    private final ClassDataArchives archives = new ClassDataArchives("java", "test-jvm 17");

    @Test
    void aRebuildThatOnlyChangesTheTimesInsideTheProjectsOwnJarsKeepsTheStamp() throws IOException {
        Path first = bootJar("first.jar", "class bytes", 1_000_000L);
        Path rebuilt = bootJar("rebuilt.jar", "class bytes", 9_000_000L);
        Path changed = bootJar("changed.jar", "other class bytes", 1_000_000L);

        assertThat(archives.stamp(rebuilt)).isEqualTo(archives.stamp(first));
        assertThat(archives.stamp(changed)).isNotEqualTo(archives.stamp(first));
        assertThat(new ClassDataArchives("java", "another-jvm 21").stamp(first)).isNotEqualTo(archives.stamp(first));
    }

    @Test
    void extractsTheApplicationIntoAPlainJarThatNamesItsMainClassAndLibrariesInBootsOrder() throws IOException {
        Path extracted = BootJarExtractor.extract(bootJar("app.jar", "class bytes", 1L), dir.resolve("out"));

        try (JarFile jar = new JarFile(extracted.toFile())) {
            Attributes main = jar.getManifest().getMainAttributes();
            assertThat(main.getValue(Attributes.Name.MAIN_CLASS)).isEqualTo("dev.example.App");
            assertThat(main.getValue(Attributes.Name.CLASS_PATH))
                    .isEqualTo("lib/platform-0.1.0-SNAPSHOT.jar lib/library-1.0.jar");
            assertThat(jar.getEntry("dev/example/App.class")).isNotNull();
        }
        assertThat(dir.resolve("out/lib/library-1.0.jar")).exists();
        assertThat(dir.resolve("out/lib/platform-0.1.0-SNAPSHOT.jar")).exists();
    }

    /** A small Spring Boot style jar: a class, a library, and a module of this project built at {@code time}. */
    private Path bootJar(String name, String platformClass, long time) throws IOException {
        Manifest manifest = new Manifest();
        Attributes attributes = manifest.getMainAttributes();
        attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        attributes.putValue("Start-Class", "dev.example.App");
        attributes.putValue("Spring-Boot-Classes", "BOOT-INF/classes/");
        attributes.putValue("Spring-Boot-Lib", "BOOT-INF/lib/");
        attributes.putValue("Spring-Boot-Classpath-Index", "BOOT-INF/classpath.idx");
        Path jar = dir.resolve(name);
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file, manifest)) {
            put(out, "BOOT-INF/classes/dev/example/App.class", "app".getBytes(StandardCharsets.UTF_8), 1L);
            put(out, "BOOT-INF/lib/library-1.0.jar", nestedJar("lib/Lib.class", "lib", 1L), 1L);
            put(out, "BOOT-INF/lib/platform-0.1.0-SNAPSHOT.jar", nestedJar("p/P.class", platformClass, time), time);
            put(
                    out,
                    "BOOT-INF/classpath.idx",
                    "- \"BOOT-INF/lib/platform-0.1.0-SNAPSHOT.jar\"\n- \"BOOT-INF/lib/library-1.0.jar\"\n"
                            .getBytes(StandardCharsets.UTF_8),
                    1L);
        }
        return jar;
    }

    private static byte[] nestedJar(String entry, String content, long time) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(bytes)) {
            ZipEntry zipEntry = new ZipEntry(entry);
            zipEntry.setTime(time);
            out.putNextEntry(zipEntry);
            out.write(content.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return bytes.toByteArray();
    }

    /** Stored, as Boot stores nested jars. */
    private static void put(JarOutputStream out, String name, byte[] content, long time) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        CRC32 crc = new CRC32();
        crc.update(content);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(content.length);
        entry.setCrc(crc.getValue());
        entry.setTime(time);
        out.putNextEntry(entry);
        out.write(content);
        out.closeEntry();
    }
}
