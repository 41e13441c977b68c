package dev.httpaudit.core.integrity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Ed25519 keys as PEM text, with the JDK only: the private key as PKCS#8
 * ({@code -----BEGIN PRIVATE KEY-----}, as {@code openssl genpkey -algorithm ed25519} writes it),
 * the public key as X.509 SubjectPublicKeyInfo ({@code -----BEGIN PUBLIC KEY-----}).
 *
 * <p>Error messages name the file and what is wrong with it, never the key material.
 */
public final class Ed25519Pem {

    private static final String ALGORITHM = "Ed25519";
    private static final String PRIVATE = "PRIVATE KEY";
    private static final String PUBLIC = "PUBLIC KEY";

    private Ed25519Pem() {
    }

    /** A new random Ed25519 key pair. */
    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no Ed25519", e);
        }
    }

    /** The private key as PKCS#8 PEM text. */
    public static String privateKeyPem(PrivateKey key) {
        return pem(PRIVATE, key.getEncoded());
    }

    /** The public key as X.509 PEM text. */
    public static String publicKeyPem(PublicKey key) {
        return pem(PUBLIC, key.getEncoded());
    }

    /**
     * Reads a PKCS#8 PEM Ed25519 private key file.
     *
     * @throws IllegalArgumentException naming the file and the reason (missing, unreadable, not
     *     a PEM private key, not Ed25519), never quoting its content
     */
    public static PrivateKey readPrivateKey(Path file) {
        byte[] der = readPem(file, PRIVATE);
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " is not an Ed25519 private key (PKCS#8)");
        }
    }

    /**
     * Reads an X.509 PEM Ed25519 public key file.
     *
     * @throws IllegalArgumentException naming the file and the reason
     */
    public static PublicKey readPublicKey(Path file) {
        byte[] der = readPem(file, PUBLIC);
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " is not an Ed25519 public key (X.509)");
        }
    }

    private static byte[] readPem(Path file, String type) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            String why = Files.exists(file) ? "cannot be read" : "does not exist";
            throw new IllegalArgumentException(file + " " + why);
        }
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException(file + " is not a PEM file with a " + begin + " block");
        }
        try {
            return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " has a " + begin + " block that is not valid Base64");
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
