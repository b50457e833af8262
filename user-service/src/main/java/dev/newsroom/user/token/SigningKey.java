package dev.newsroom.user.token;

import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;

/** The RSA key pair tokens are signed with, and the key id ({@code kid}) the JWK set names it by. */
record SigningKey(String keyId, RSAPublicKey publicKey, RSAPrivateKey privateKey) {}
