package org.listguard.compose.dkim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.InputException;
import org.listguard.audit.auth.Fixtures;

class DkimKeyTest {
    static final KeyPair KP = Fixtures.rsa(2048);

    @TempDir
    Path dir;

    @Test
    void pkcs8PemLoadsWithItsPublicHalfAndLength() throws Exception {
        DkimKey k = DkimKey.load(Fixtures.writePkcs8(dir.resolve("k.pem"), KP));
        assertEquals(2048, k.bits());
        assertEquals(Base64.getEncoder().encodeToString(KP.getPublic().getEncoded()), k.publicKeyBase64());
        assertTrue(k.matches(KP.getPublic()));
    }

    @Test
    void pkcs1PemIsRefusedWithTheConversionCommand() throws Exception {
        Path f = dir.resolve("rsa.pem");
        Files.writeString(f, "-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu\n-----END RSA PRIVATE KEY-----\n");
        InputException e = assertThrows(InputException.class, () -> DkimKey.load(f));
        assertEquals(f.toString(), e.file());
        assertEquals("dkim.private_key", e.field());
        assertTrue(e.getMessage().contains("openssl pkcs8 -topk8 -nocrypt"), e.getMessage());
    }

    @Test
    void garbageKeyErrorNeverEchoesTheFileContent() throws Exception {
        Path f = dir.resolve("bad.pem");
        Files.writeString(f, "-----BEGIN PRIVATE KEY-----\nU0VDUkVUU0VDUkVUU0VDUkVU\n-----END PRIVATE KEY-----\n");
        InputException e = assertThrows(InputException.class, () -> DkimKey.load(f));
        assertFalse(e.getMessage().contains("U0VDUkVU"), e.getMessage());
        assertEquals("dkim.private_key", e.field());
    }

    @Test
    void missingFileNamesTheFile() {
        Path f = dir.resolve("none.pem");
        InputException e = assertThrows(InputException.class, () -> DkimKey.load(f));
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
    }

    @Test
    void toStringShowsNoKeyMaterial() throws Exception {
        DkimKey k = DkimKey.load(Fixtures.writePkcs8(dir.resolve("k.pem"), KP));
        assertFalse(k.toString().contains(k.publicKeyBase64().substring(0, 20)));
    }
}
