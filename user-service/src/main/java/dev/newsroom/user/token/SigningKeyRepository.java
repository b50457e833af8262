package dev.newsroom.user.token;

import java.util.Optional;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Repository;

/**
 * The {@code signing_keys} collection: the one generated key pair, as Base64 DER, under the id
 * {@code current}. Used once at start-up, before the service takes requests, so it blocks.
 */
@Repository
class SigningKeyRepository {

    static final String COLLECTION = "signing_keys";
    private static final String CURRENT = "current";

    /** A stored pair: X.509 public and PKCS#8 private key, Base64; {@code createdAt} is ISO-8601. */
    record StoredKey(String keyId, String publicKey, String privateKey, String createdAt) {}

    private final ReactiveMongoTemplate mongo;

    SigningKeyRepository(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    Optional<StoredKey> current() {
        return Optional.ofNullable(
                        mongo.findById(CURRENT, Document.class, COLLECTION).block())
                .map(stored -> new StoredKey(
                        stored.getString("kid"),
                        stored.getString("publicKey"),
                        stored.getString("privateKey"),
                        stored.getString("createdAt")));
    }

    /**
     * Stores {@code key} as the current one unless there is one already (another instance was
     * faster): answers the key that is current after it.
     */
    StoredKey insertUnlessPresent(StoredKey key) {
        Document document = new Document("_id", CURRENT)
                .append("kid", key.keyId())
                .append("publicKey", key.publicKey())
                .append("privateKey", key.privateKey())
                .append("createdAt", key.createdAt());
        try {
            mongo.insert(document, COLLECTION).block();
            return key;
        } catch (DuplicateKeyException anotherInstanceWasFaster) {
            return current().orElseThrow();
        }
    }
}
