package dev.newsroom.user.web;

import com.nimbusds.jose.jwk.JWKSet;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The public key every other service verifies tokens with (RFC 7517 JWK set). */
@RestController
class JwksController {

    private final Map<String, Object> publicKeys;

    JwksController(JWKSet publicJwkSet) {
        this.publicKeys = publicJwkSet.toJSONObject(true);
    }

    @GetMapping("/.well-known/jwks.json")
    Map<String, Object> jwks() {
        return publicKeys;
    }
}
