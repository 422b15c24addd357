package org.listguard.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Credentials for SMTP AUTH or IMAP. The password is never in the file: it is named by an environment
 * variable ({@code password_env}) or a file ({@code password_file}) and read only when needed.
 * {@link #toString()} never shows it.
 */
public record Credentials(String username, String passwordEnv, Path passwordFile) {

    /** Reads the secret; an {@link IllegalStateException} says which reference is empty. */
    public char[] password(Map<String, String> env) {
        if (passwordEnv != null) {
            String v = env.get(passwordEnv);
            if (v == null || v.isEmpty()) {
                throw new IllegalStateException("environment variable " + passwordEnv + " (named by password_env) is not set");
            }
            return v.toCharArray();
        }
        if (passwordFile != null) {
            try {
                return Files.readString(passwordFile, StandardCharsets.UTF_8).strip().toCharArray();
            } catch (IOException e) {
                throw new IllegalStateException("cannot read password file " + passwordFile + ": " + e.getMessage(), e);
            }
        }
        throw new IllegalStateException("no password_env or password_file for user " + username);
    }

    @Override
    public String toString() {
        return "Credentials[username=" + username + ", password=" + (passwordEnv != null ? "$" + passwordEnv : "file " + passwordFile) + "]";
    }
}
