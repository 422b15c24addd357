package org.listguard.config;

import java.nio.file.Path;

/** DKIM signing identity: {@code d=}, {@code s=} and the PKCS#8 PEM private key file. */
public record Dkim(String domain, String selector, Path privateKey) {
    @Override
    public String toString() {
        return "Dkim[d=" + domain + ", s=" + selector + ", key file=" + privateKey + "]";
    }
}
