package dev.newsroom.user.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;

/**
 * The clients that may get a service token, from configuration ({@code SERVICE_CLIENTS}: {@code
 * gateway:<secret>,operator:<secret>}). Only a SHA-256 digest of each secret is kept, and a presented
 * secret is compared digest to digest in constant time ({@link MessageDigest#isEqual}), also for an
 * unknown client id, so neither the time taken nor memory tells a secret or which ids exist. A digest
 * rather than bcrypt: the secrets are long random strings (the launcher makes 32 random bytes), not
 * passwords a person chose, so there is nothing for a slow hash to protect.
 */
public final class ServiceClients {

    /** Secrets shorter than this are refused at start: they would be guessable. */
    static final int MINIMUM_SECRET_LENGTH = 16;

    private static final byte[] NO_CLIENT = digest("no client has this secret: it is never compared equal");

    private final Map<String, byte[]> digests;

    private ServiceClients(Map<String, byte[]> digests) {
        this.digests = Map.copyOf(digests);
    }

    /**
     * Reads {@code id:secret,id:secret}. A malformed entry or a short secret stops the service from
     * starting, naming the entry's position and client id, never the secret.
     */
    public static ServiceClients parse(String configured) {
        Map<String, byte[]> digests = new HashMap<>();
        if (configured == null || configured.isBlank()) {
            return new ServiceClients(digests);
        }
        String[] entries = configured.split(",");
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].strip();
            int colon = entry.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("SERVICE_CLIENTS entry " + (i + 1) + " is not client-id:secret");
            }
            String id = entry.substring(0, colon).strip();
            String secret = entry.substring(colon + 1);
            if (secret.length() < MINIMUM_SECRET_LENGTH) {
                throw new IllegalArgumentException("SERVICE_CLIENTS: the secret of client '" + id + "' is shorter than "
                        + MINIMUM_SECRET_LENGTH + " characters");
            }
            if (digests.put(id, digest(secret)) != null) {
                throw new IllegalArgumentException("SERVICE_CLIENTS names client '" + id + "' twice");
            }
        }
        return new ServiceClients(digests);
    }

    /** Whether {@code secret} is {@code clientId}'s; as slow for an unknown client as for a known one. */
    public boolean authenticate(String clientId, String secret) {
        byte[] expected = digests.getOrDefault(clientId, NO_CLIENT);
        boolean matches = MessageDigest.isEqual(expected, digest(secret));
        return matches && expected != NO_CLIENT;
    }

    public boolean isEmpty() {
        return digests.isEmpty();
    }

    public int size() {
        return digests.size();
    }

    private static byte[] digest(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
