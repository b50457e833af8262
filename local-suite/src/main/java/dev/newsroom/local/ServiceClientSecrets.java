package dev.newsroom.local;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

/**
 * The secrets the gateway and an operator get service tokens with (user-service's {@code
 * SERVICE_CLIENTS}, the gateway's {@code SERVICE_CLIENT_SECRET}): random, made once per data folder
 * and kept in {@code service-clients.properties} there, readable by its owner only, so an operator
 * can read the {@code operator} secret to curl a token (docs/operations.md) and nothing is printed.
 * {@code --fresh} removes the folder and with it the secrets.
 */
record ServiceClientSecrets(String gateway, String operator) {

    static final String FILE = "service-clients.properties";

    /** What user-service's {@code SERVICE_CLIENTS} says. */
    String serviceClients() {
        return "gateway:" + gateway + ",operator:" + operator;
    }

    static ServiceClientSecrets in(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        try {
            if (Files.isRegularFile(file)) {
                Properties stored = new Properties();
                try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    stored.load(reader);
                }
                String gateway = stored.getProperty("gateway");
                String operator = stored.getProperty("operator");
                if (gateway != null && operator != null) {
                    return new ServiceClientSecrets(gateway, operator);
                }
            }
            ServiceClientSecrets made = new ServiceClientSecrets(random(), random());
            Files.createDirectories(dataDir);
            Files.deleteIfExists(file);
            try {
                Files.createFile(
                        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
            Properties secrets = new Properties();
            secrets.setProperty("gateway", made.gateway());
            secrets.setProperty("operator", made.operator());
            try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                secrets.store(
                        writer, "Service client secrets of this local suite (POST /oauth2/token on user-service)");
            }
            return made;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the service client secrets in " + file, e);
        }
    }

    /** 32 random bytes, URL-safe Base64: no character that needs quoting in an environment variable. */
    private static String random() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public String toString() {
        return "ServiceClientSecrets[gateway=…, operator=…]";
    }
}
