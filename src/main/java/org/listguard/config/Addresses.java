package org.listguard.config;

import java.util.Locale;

/** Small helpers for the address forms that appear in config ({@code Name <a@b>} or {@code a@b}). */
public final class Addresses {
    private Addresses() {}

    /** The bare address of {@code "Name <a@b>"} or {@code "a@b"}. */
    public static String addressOf(String mailbox) {
        if (mailbox == null) return null;
        int lt = mailbox.lastIndexOf('<');
        int gt = mailbox.lastIndexOf('>');
        if (lt >= 0 && gt > lt) return mailbox.substring(lt + 1, gt).trim();
        return mailbox.trim();
    }

    /** The lower-cased domain of an address, or null when it has no '@'. */
    public static String domainOf(String address) {
        if (address == null) return null;
        int at = address.lastIndexOf('@');
        return at < 0 ? null : address.substring(at + 1).toLowerCase(Locale.ROOT);
    }

    /** The local part of an address. */
    public static String localOf(String address) {
        int at = address.lastIndexOf('@');
        return at < 0 ? address : address.substring(0, at);
    }
}
