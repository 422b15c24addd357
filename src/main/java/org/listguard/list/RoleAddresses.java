package org.listguard.list;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Role mailboxes (RFC 2142 and common no-reply forms): they reach a function, not a subscriber,
 * rarely opt in, and complaints from them weigh heavily. The names live in
 * {@code role-addresses.yaml} next to this class, each with its source.
 */
public final class RoleAddresses {
    private static final Set<String> DEFAULT = load();

    private RoleAddresses() {}

    /** True when the local part (before any {@code +tag}) is a role name, case-insensitively. */
    public static boolean isRole(String email) {
        int at = email.lastIndexOf('@');
        String local = (at < 0 ? email : email.substring(0, at)).toLowerCase(Locale.ROOT);
        int plus = local.indexOf('+');
        if (plus > 0) local = local.substring(0, plus);
        return DEFAULT.contains(local);
    }

    private static Set<String> load() {
        try (InputStream in = RoleAddresses.class.getResourceAsStream("role-addresses.yaml")) {
            if (in == null) throw new IllegalStateException("role-addresses.yaml is missing from the jar");
            Doc d = new ObjectMapper(new YAMLFactory()).readValue(in, Doc.class);
            return Set.copyOf(d.roles().stream().map(s -> s.toLowerCase(Locale.ROOT)).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Doc(List<String> roles) {}
}
