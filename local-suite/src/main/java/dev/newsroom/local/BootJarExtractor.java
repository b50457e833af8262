package dev.newsroom.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Unpacks a Spring Boot executable jar into a plain one: the application's own classes in a jar of
 * their own, whose manifest names the main class and puts every library of {@code BOOT-INF/lib}
 * (copied as they are into {@code lib/}) on the class path, in the order of Boot's class-path index.
 * This is the layout {@code java -Djarmode=tools -jar app.jar extract} makes, done in the launcher so
 * that it works for every module's jar (the embedded infrastructure's is built without the tools)
 * and costs no JVM start. Class data sharing needs it: a JVM archives classes from jars on the class
 * path, not from jars nested in a jar.
 */
final class BootJarExtractor {

    private BootJarExtractor() {}

    /** Writes {@code <destination>/<jar's name>} and {@code <destination>/lib/}; answers the first. */
    static Path extract(Path bootJar, Path destination) throws IOException {
        Path lib = destination.resolve("lib");
        Files.createDirectories(lib);
        Path application = destination.resolve(bootJar.getFileName());
        try (JarFile jar = new JarFile(bootJar.toFile())) {
            Attributes boot = jar.getManifest().getMainAttributes();
            String classes = boot.getValue("Spring-Boot-Classes");
            String libs = boot.getValue("Spring-Boot-Lib");
            String startClass = boot.getValue("Start-Class");
            if (classes == null || libs == null || startClass == null) {
                throw new IOException(bootJar + " is not a Spring Boot executable jar");
            }
            List<String> classPath = new ArrayList<>();
            for (String library : libraryOrder(jar, libs, boot.getValue("Spring-Boot-Classpath-Index"))) {
                JarEntry entry = jar.getJarEntry(library);
                String name = library.substring(library.lastIndexOf('/') + 1);
                try (InputStream in = jar.getInputStream(entry)) {
                    Files.copy(in, lib.resolve(name));
                }
                classPath.add("lib/" + name);
            }
            Manifest manifest = new Manifest();
            Attributes main = manifest.getMainAttributes();
            main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
            main.put(Attributes.Name.MAIN_CLASS, startClass);
            main.put(Attributes.Name.CLASS_PATH, String.join(" ", classPath));
            try (OutputStream file = Files.newOutputStream(application);
                    JarOutputStream out = new JarOutputStream(file, manifest)) {
                copyClasses(jar, classes, out);
            }
        }
        return application;
    }

    /** The libraries in the order Boot's index gives (the order Boot itself loads them), else the jar's. */
    private static List<String> libraryOrder(JarFile jar, String libs, String indexName) throws IOException {
        List<String> order = new ArrayList<>();
        JarEntry index = indexName == null ? null : jar.getJarEntry(indexName);
        if (index != null) {
            try (InputStream in = jar.getInputStream(index)) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    String trimmed = line.trim();
                    if (trimmed.startsWith("- \"") && trimmed.endsWith("\"")) {
                        order.add(trimmed.substring(3, trimmed.length() - 1));
                    }
                }
            }
            return order;
        }
        for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
            String name = entries.nextElement().getName();
            if (name.startsWith(libs) && name.endsWith(".jar")) {
                order.add(name);
            }
        }
        return order;
    }

    private static void copyClasses(JarFile jar, String classes, JarOutputStream out) throws IOException {
        for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
            JarEntry entry = entries.nextElement();
            String name = entry.getName();
            if (!name.startsWith(classes) || name.equals(classes)) {
                continue;
            }
            out.putNextEntry(new JarEntry(name.substring(classes.length())));
            if (!entry.isDirectory()) {
                try (InputStream in = jar.getInputStream(entry)) {
                    in.transferTo(out);
                }
            }
            out.closeEntry();
        }
    }
}
