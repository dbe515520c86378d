package dev.jembed.tokenizer;

import java.io.IOException;

/**
 * A tokenizer file that cannot be used: malformed or truncated JSON, a missing or mistyped field,
 * a vocabulary line that does not parse. The message names the file and, for JSON, the JSON
 * pointer of the offending value (for example {@code /model/vocab/hello}).
 */
public class TokenizerFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final String location;

    /**
     * @param source   the file (or stream name) being read
     * @param location a JSON pointer or "line N"; may be null when the whole file is at fault
     * @param reason   what is wrong
     */
    public TokenizerFormatException(String source, String location, String reason) {
        super(format(source, location, reason));
        this.source = source;
        this.location = location;
    }

    public TokenizerFormatException(String source, String location, String reason, Throwable cause) {
        super(format(source, location, reason), cause);
        this.source = source;
        this.location = location;
    }

    private static String format(String source, String location, String reason) {
        return location == null || location.isEmpty()
                ? source + ": " + reason
                : source + ": at " + location + ": " + reason;
    }

    /** The file or stream name given when loading. */
    public String source() {
        return source;
    }

    /** JSON pointer (or "line N") of the offending value, or null. */
    public String location() {
        return location;
    }
}
