package dev.newsroom.user.token;

import dev.newsroom.user.UserServiceProperties;
import dev.newsroom.user.token.SigningKeyRepository.StoredKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.converter.RsaKeyConverters;

/**
 * Finds the key pair to sign with. A configured PEM pair wins (production: a secret mounted into the
 * container). Otherwise the pair is generated on first start and kept in the service's own database,
 * so a restart, or a second instance, signs with the same key and issued tokens stay valid.
 */
final class SigningKeyStore {

    private static final Logger log = LoggerFactory.getLogger(SigningKeyStore.class);

    private final SigningKeyRepository keys;
    private final UserServiceProperties properties;

    SigningKeyStore(SigningKeyRepository keys, UserServiceProperties properties) {
        this.keys = keys;
        this.properties = properties;
    }

    /** Called once at start-up, before the service takes requests; blocking here is intended. */
    SigningKey load() {
        if (properties.privateKey() != null && properties.publicKey() != null) {
            return fromConfiguration();
        }
        Optional<StoredKey> stored = keys.current();
        if (stored.isPresent()) {
            return decode(stored.get());
        }
        StoredKey generated = generate();
        StoredKey current = keys.insertUnlessPresent(generated);
        if (current.equals(generated)) {
            log.info("Generated a new token signing key {}", generated.keyId());
        }
        return decode(current);
    }

    private SigningKey fromConfiguration() {
        try (InputStream privatePem = properties.privateKey().getInputStream();
                InputStream publicPem = properties.publicKey().getInputStream()) {
            RSAPrivateKey privateKey = RsaKeyConverters.pkcs8().convert(privatePem);
            RSAPublicKey publicKey = RsaKeyConverters.x509().convert(publicPem);
            return new SigningKey(keyId(publicKey), publicKey, privateKey);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the configured signing key", e);
        }
    }

    private static StoredKey generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Base64.Encoder base64 = Base64.getEncoder();
            return new StoredKey(
                    keyId((RSAPublicKey) pair.getPublic()),
                    base64.encodeToString(pair.getPublic().getEncoded()),
                    base64.encodeToString(pair.getPrivate().getEncoded()),
                    Instant.now().toString());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is not available", e);
        }
    }

    private static SigningKey decode(StoredKey stored) {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            Base64.Decoder base64 = Base64.getDecoder();
            RSAPublicKey publicKey =
                    (RSAPublicKey) rsa.generatePublic(new X509EncodedKeySpec(base64.decode(stored.publicKey())));
            RSAPrivateKey privateKey =
                    (RSAPrivateKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(base64.decode(stored.privateKey())));
            return new SigningKey(stored.keyId(), publicKey, privateKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The stored signing key cannot be read", e);
        }
    }

    /** A key id derived from the public key, so the same key always has the same id. */
    static String keyId(RSAPublicKey publicKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(publicKey.getEncoded());
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(digest)
                    .substring(0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
