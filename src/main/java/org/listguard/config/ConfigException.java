package org.listguard.config;

import org.listguard.InputException;

/** A config file that cannot be used: names the file, the line and the key (a dotted path). */
public final class ConfigException extends InputException {
    public ConfigException(String file, int line, String key, String problem) {
        super(file, line, key, problem);
    }

    public ConfigException(String file, int line, String key, String problem, Throwable cause) {
        super(file, line, key, problem, cause);
    }
}
