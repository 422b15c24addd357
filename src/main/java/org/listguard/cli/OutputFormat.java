package org.listguard.cli;

/** {@code --format} values for audit and status. */
public enum OutputFormat { TEXT, JSON }
