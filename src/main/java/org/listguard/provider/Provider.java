package org.listguard.provider;

/**
 * The provider that receives a recipient domain's mail, as the guard groups receivers.
 *
 * @param name  a known provider's name (google, microsoft, yahoo, apple) or the registrable domain
 *              of the domain's best MX host; for a domain without MX, the domain's own registrable domain
 * @param via   how it was found: the MX host, "no MX (implicit MX, RFC 5321 s5.1)", or "unresolved: …"
 */
public record Provider(String name, String via) {}
